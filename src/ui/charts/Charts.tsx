import { useId, useSyncExternalStore } from 'react';
import { useText } from '../inspectors/text.ts';
import { DivergenceChart } from './DivergenceChart.tsx';
import { chartHistory } from './history.ts';
import { RateChart } from './RateChart.tsx';
import './charts.css';

/**
 * The timeline charts: divergent cells over the run, and message rates by kind over the
 * last minute. History is collected outside React (history.ts); this re-renders at most
 * ~5 times a second.
 */
export function Charts() {
  const text = useText();
  const headingId = useId();
  const history = useSyncExternalStore(chartHistory.subscribe, chartHistory.getSnapshot);
  return (
    <section className="dpc" aria-labelledby={headingId}>
      <header className="dpc-header">
        <h2 id={headingId}>{text.charts}</h2>
      </header>
      <div className="dpc-grid-2">
        <DivergenceChart history={history} />
        <RateChart history={history} />
      </div>
    </section>
  );
}
