import { area, curveStepAfter, line, scaleLinear } from 'd3';
import { useId } from 'react';
import { seconds } from '../inspectors/format.ts';
import { type Text, useText } from '../inspectors/text.ts';
import { Axis } from './Axis.tsx';
import type { ChartSnapshot, DivergencePoint } from './history.ts';
import { useWidth } from './useWidth.ts';

const HEIGHT_PX = 150;
const MARGIN = { top: 10, right: 14, bottom: 24, left: 34 } as const;
/** The time axis spans at least this much, so the first seconds do not fill the chart. */
const MIN_SPAN_S = 30;

/** Divergent (node, instance) cells over the whole run, with faults marked. */
export function DivergenceChart({ history }: { history: ChartSnapshot }) {
  const text = useText();
  const titleId = useId();
  const descId = useId();
  const [ref, width] = useWidth<HTMLDivElement>();
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = HEIGHT_PX - MARGIN.top - MARGIN.bottom;
  const nowS = history.nowMs / 1000;
  const points: DivergencePoint[] = [
    ...history.divergence,
    { t: history.nowMs, value: history.divergentNow },
  ];
  const maxValue = points.reduce((max, point) => Math.max(max, point.value), 0);

  const x = scaleLinear()
    .domain([0, Math.max(MIN_SPAN_S, nowS)])
    .range([0, innerW]);
  const y = scaleLinear()
    .domain([0, Math.max(1, maxValue)])
    .range([innerH, 0])
    .nice(4);
  const yTicks = y.ticks(Math.min(4, Math.max(1, maxValue))).filter(Number.isInteger);
  const xTicks = x.ticks(Math.max(2, Math.floor(innerW / 70)));
  const toX = (point: DivergencePoint) => x(point.t / 1000);
  const toY = (point: DivergencePoint) => y(point.value);
  const areaPath = area<DivergencePoint>().x(toX).y0(innerH).y1(toY).curve(curveStepAfter)(points) ?? '';
  const linePath = line<DivergencePoint>().x(toX).y(toY).curve(curveStepAfter)(points) ?? '';

  const summary = history.converged
    ? text.converged
    : text.divergenceNow(history.divergentNow, history.cellsNow);

  return (
    <figure className="dpc-figure">
      <figcaption className="dpc-head">
        <h3 id={titleId}>{text.divergence}</h3>
        <span className={history.divergentNow > 0 ? 'dpc-value dpc-value-bad' : 'dpc-value dpc-value-ok'}>
          <span data-testid="divergence-now">{history.divergentNow}</span>
          <span className="dpc-unit">
            {history.converged ? ` · ${text.converged}` : ` / ${history.cellsNow}`}
          </span>
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
          <title>{`${text.divergence}: ${summary}, ${seconds(history.nowMs)} s`}</title>
          <desc id={descId}>{text.divergenceDesc}</desc>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {yTicks.map((tick) => (
              <line key={tick} className="dpc-grid" x1={0} x2={innerW} y1={y(tick)} y2={y(tick)} />
            ))}
            {history.faults.map((atMs) => (
              <line
                key={atMs}
                className="dpc-fault"
                x1={x(atMs / 1000)}
                x2={x(atMs / 1000)}
                y1={0}
                y2={innerH}
              >
                <title>{`${text.fault}: ${seconds(atMs)} s`}</title>
              </line>
            ))}
            <path className="dpc-div-area" d={areaPath} />
            <path className="dpc-div-line" d={linePath} />
            <circle className="dpc-div-now" cx={x(nowS)} cy={y(history.divergentNow)} r={3} />
            <Axis
              scale={x}
              orient="bottom"
              tickValues={xTicks}
              format={formatSeconds}
              transform={`translate(0,${innerH})`}
            />
            <Axis scale={y} orient="left" tickValues={yTicks} format={String} />
          </g>
        </svg>
      </div>
      <p className="dpc-foot">{footnote(history, text)}</p>
    </figure>
  );
}

/** How long the cluster took to converge, or how long it has been since the last change. */
function footnote(history: ChartSnapshot, text: Text): string {
  if (history.converged && history.lastConvergeMs !== null)
    return text.convergedAfter(seconds(history.lastConvergeMs));
  if (!history.converged && history.lastFaultAtMs !== null) {
    return text.sinceChange(seconds(history.nowMs - history.lastFaultAtMs));
  }
  return text.timeAxis;
}

function formatSeconds(value: number): string {
  return `${value}s`;
}
