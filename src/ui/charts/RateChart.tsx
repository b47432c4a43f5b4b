import { area, curveMonotoneX, type SeriesPoint, scaleLinear, stack } from 'd3';
import { type CSSProperties, useId } from 'react';
import type { MessageKind } from '../../protocol/messages.ts';
import { seconds } from '../inspectors/format.ts';
import { KINDS, kindColor } from '../inspectors/kinds.ts';
import { useText } from '../inspectors/text.ts';
import { Axis } from './Axis.tsx';
import { type ChartSnapshot, emptyCounts, type KindCounts, RATE_WINDOW_S } from './history.ts';
import { useWidth } from './useWidth.ts';

const HEIGHT_PX = 150;
/**
 * Each point averages the last few whole seconds: Distro's timers fire on whole seconds
 * (probes, beats, verify), so raw one-second counts saw between zero and a burst.
 */
const AVERAGE_S = 5;
const MARGIN = { top: 10, right: 14, bottom: 24, left: 34 } as const;

interface Row extends KindCounts {
  /** The whole virtual second the counts are for. */
  readonly second: number;
}

/** Messages sent per virtual second, stacked by kind, over the last minute. */
export function RateChart({ history }: { history: ChartSnapshot }) {
  const text = useText();
  const titleId = useId();
  const descId = useId();
  const [ref, width] = useWidth<HTMLDivElement>();
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = HEIGHT_PX - MARGIN.top - MARGIN.bottom;
  const nowS = history.nowMs / 1000;
  const startS = Math.max(0, nowS - RATE_WINDOW_S);
  const rows = completeSeconds(history, startS);
  const last = rows[rows.length - 1];
  const series = stack<Row, MessageKind>().keys(KINDS)(rows);
  const maxTotal = rows.reduce((max, row) => Math.max(max, total(row)), 0);

  const x = scaleLinear()
    .domain([startS, Math.max(startS + RATE_WINDOW_S, nowS)])
    .range([0, innerW]);
  const y = scaleLinear()
    .domain([0, Math.max(4, maxTotal)])
    .range([innerH, 0])
    .nice(4);
  const yTicks = y.ticks(4).filter(Number.isInteger);
  const xTicks = x.ticks(Math.max(2, Math.floor(innerW / 70))).filter(Number.isInteger);
  const band = area<SeriesPoint<Row>>()
    .x((point) => x(point.data.second + 1))
    .y0((point) => y(point[0]))
    .y1((point) => y(point[1]))
    .curve(curveMonotoneX);
  const lastTotal = last ? total(last) : 0;

  return (
    <figure className="dpc-figure">
      <figcaption className="dpc-head">
        <h3 id={titleId}>{text.rates}</h3>
        <span className="dpc-value">
          <span data-testid="rate-now">{lastTotal}</span>
          <span className="dpc-unit"> /s · {text.ratesAverage}</span>
        </span>
      </figcaption>
      <div ref={ref} className="dpc-plot">
        <svg
          width={width}
          height={HEIGHT_PX}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          viewBox={`0 0 ${width} ${HEIGHT_PX}`}
        >
          <title>{`${text.rates}: ${text.ratesNow(String(lastTotal))}, ${seconds(history.nowMs)} s`}</title>
          <desc id={descId}>{text.ratesDesc}</desc>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {yTicks.map((tick) => (
              <line key={tick} className="dpc-grid" x1={0} x2={innerW} y1={y(tick)} y2={y(tick)} />
            ))}
            {rows.length > 1
              ? series.map((layer) => (
                  <path
                    key={layer.key}
                    className="dpc-rate-band"
                    d={band(layer) ?? ''}
                    style={{ fill: kindColor(layer.key) }}
                  />
                ))
              : null}
            <Axis
              scale={x}
              orient="bottom"
              tickValues={xTicks}
              format={(v) => `${v}s`}
              transform={`translate(0,${innerH})`}
            />
            <Axis scale={y} orient="left" tickValues={yTicks} format={String} />
          </g>
        </svg>
      </div>
      <ul className="dpc-legend" aria-label={text.kinds}>
        {KINDS.map((kind) => (
          <li key={kind} style={{ '--chip': kindColor(kind) } as CSSProperties}>
            <span className="dpc-swatch" aria-hidden="true" />
            {text.kindNames[kind]}
            <span className="dpc-legend-value">{last ? last[kind] : 0}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/**
 * One row per whole second in the window that has ended: per kind, the messages per second
 * over the AVERAGE_S seconds that end with it (fewer at the very start of the run).
 */
function completeSeconds(history: ChartSnapshot, startS: number): Row[] {
  const rows: Row[] = [];
  const endSecond = Math.floor(history.nowMs / 1000);
  for (let second = Math.floor(startS); second < endSecond; second++) {
    const from = Math.max(0, second - AVERAGE_S + 1);
    const average = emptyCounts();
    for (let s = from; s <= second; s++) {
      const counts = history.rates.get(s);
      if (counts) for (const kind of KINDS) average[kind] += counts[kind];
    }
    for (const kind of KINDS) average[kind] = round1(average[kind] / (second - from + 1));
    rows.push({ second, ...average });
  }
  return rows;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function total(row: Row): number {
  let sum = 0;
  for (const kind of KINDS) sum += row[kind];
  return round1(sum);
}
