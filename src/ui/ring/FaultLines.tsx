import { curvePathD } from './geometry.ts';
import type { RingModel } from './model.ts';
import type { RingText } from './text.ts';

/** Tinted sides of a partition; drawn under everything else. */
export function PartitionShades({ model }: { model: RingModel }) {
  return (
    <g className="ring-partition-shades">
      {model.partition.runs.map((run) => (
        <path key={run.shadePath} className={`ring-shade ring-shade--${run.group % 4}`} d={run.shadePath} />
      ))}
    </g>
  );
}

/** The partition's dashed lines and the one-way cuts (an arrow and a cross on the cut path). */
export function FaultLines({ model, t }: { model: RingModel; t: RingText }) {
  const lines = model.partition.lines;
  return (
    <g className="ring-faults">
      {lines.map((line) => {
        const at = { x: line.x1 + (line.x2 - line.x1) * 0.1, y: line.y1 + (line.y2 - line.y1) * 0.1 };
        const angle = (Math.atan2(line.y2 - line.y1, line.x2 - line.x1) * 180) / Math.PI;
        const upright = angle > 90 || angle < -90 ? angle + 180 : angle;
        return (
          <g
            key={`${line.x1},${line.y1},${line.x2},${line.y2}`}
            className="ring-partition"
            data-testid="partition-line"
          >
            <title>{t('ring.partition')}</title>
            <line x1={line.x1} y1={line.y1} x2={line.x2} y2={line.y2} />
            <g transform={`translate(${at.x.toFixed(1)},${at.y.toFixed(1)}) rotate(${upright.toFixed(1)})`}>
              <text
                x={0}
                y={-model.layout.lineFont * 0.85}
                style={{ fontSize: `${model.layout.lineFont}px` }}
              >
                ✂ {t('ring.partition')}
              </text>
            </g>
          </g>
        );
      })}
      {model.cuts.map((cut) => (
        <g key={cut.key} className={`ring-cut${cut.both ? ' ring-cut--both' : ''}`} data-testid="cut">
          <path d={curvePathD(cut.curve)} markerEnd={cut.both ? undefined : 'url(#ring-cut-arrow)'} />
          {cut.both ? (
            <line
              className="ring-cut-barrier"
              x1={cut.barrier.x1}
              y1={cut.barrier.y1}
              x2={cut.barrier.x2}
              y2={cut.barrier.y2}
            />
          ) : null}
          <g transform={`translate(${cut.middle.x.toFixed(1)},${cut.middle.y.toFixed(1)})`}>
            <circle r={11} />
            <path d="M-5,-5L5,5M5,-5L-5,5" />
          </g>
        </g>
      ))}
    </g>
  );
}

export function CutArrowMarker() {
  return (
    <defs>
      <marker
        id="ring-cut-arrow"
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto-start-reverse"
      >
        <path d="M0,0L10,5L0,10z" className="ring-cut-arrowhead" />
      </marker>
    </defs>
  );
}
