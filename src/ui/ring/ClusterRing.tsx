import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { selectNode, useSim } from '../../store/simStore.ts';
import { ClientClusters } from './ClientClusters.tsx';
import type { FlightScene } from './drawFlights.ts';
import { CutArrowMarker, FaultLines, PartitionShades } from './FaultLines.tsx';
import { RING_R, sectorPath } from './geometry.ts';
import { COMPACT, layoutFor, MEDIUM, type RingLayout, WIDE } from './layout.ts';
import { type RingModel, ringModelSelector } from './model.ts';
import { ParticleLayer } from './ParticleLayer.tsx';
import { RingLegend } from './RingLegend.tsx';
import { RingNodeButton } from './RingNodeButton.tsx';
import { ServiceChips } from './ServiceChips.tsx';
import { type RingText, useRingText } from './text.ts';
import { ViewpointSelect } from './ViewpointSelect.tsx';
import './ring.css';

const SELECTORS = {
  wide: ringModelSelector(WIDE),
  medium: ringModelSelector(MEDIUM),
  compact: ringModelSelector(COMPACT),
};

/** Wide on a desktop, medium in a narrow column, compact on a phone: by the ring's own width. */
function useRingLayout(): [React.RefObject<HTMLElement | null>, RingLayout] {
  const ref = useRef<HTMLElement>(null);
  const [layout, setLayout] = useState<RingLayout>(WIDE);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? element.clientWidth;
      setLayout(layoutFor(width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, layout];
}

export interface ClusterRingProps {
  /** Leave out the ring's own heading, when it sits in a panel that has one. */
  readonly headless?: boolean;
}

/**
 * The cluster ring: nodes on a circle, the services each believes it owns in its sector,
 * messages flying between them on a canvas overlay, and the network's faults. Reads
 * everything from the store; re-renders only when what it draws changes (see ringSignature).
 */
export function ClusterRing({ headless = false }: ClusterRingProps) {
  const t = useRingText();
  const [rootRef, layout] = useRingLayout();
  const model = useSim(SELECTORS[layout.name]);
  const selected = useSim((s) => s.selectedNode);
  const titleId = useId();
  const descId = useId();
  const scene = useMemo<FlightScene>(
    () => ({
      view: layout.view,
      endpoints: model?.endpoints ?? new Map(),
      partitionLines: model?.partition.lines ?? [],
      groupOf: model?.partition.groupOf ?? new Map(),
      particleR:
        Math.max(4, Math.min(6.5, (model?.nodes[0]?.r ?? 30) * 0.18)) *
        (layout.name === 'wide' ? 1 : layout.name === 'medium' ? 1.25 : 1.5),
    }),
    [model, layout],
  );
  const names = useMemo(() => model?.nodes.map((node) => node.name) ?? [], [model]);
  const { view } = layout;
  return (
    <section
      ref={rootRef}
      className={`ring ring--${layout.name}`}
      data-testid="cluster-ring"
      {...(headless ? { 'aria-label': t('ring.title') } : { 'aria-labelledby': titleId })}
    >
      <header className="ring-toolbar">
        {headless ? null : (
          <h2 id={titleId} className="ring-title">
            {t('ring.title')}
          </h2>
        )}
        <ViewpointSelect names={names} t={t} />
      </header>
      <div className="ring-stage" style={{ aspectRatio: `${view.w} / ${view.h}` }}>
        {/* biome-ignore lint/a11y/useSemanticElements: an <svg> holding focusable nodes is a group, not a fieldset. */}
        <svg
          className="ring-svg"
          viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
          role="group"
          aria-label={t('ring.title')}
          aria-describedby={descId}
        >
          <title>{t('ring.title')}</title>
          <desc id={descId}>{t('ring.desc')}</desc>
          <CutArrowMarker />
          {model ? (
            <RingDrawing model={model} selected={selected} t={t} />
          ) : (
            <EmptyRing t={t} layout={layout} />
          )}
        </svg>
        <ParticleLayer scene={scene} />
      </div>
      <RingLegend t={t} viewpoint={model?.viewer != null} />
    </section>
  );
}

function RingDrawing({ model, selected, t }: { model: RingModel; selected: string | null; t: RingText }) {
  const count = model.nodes.length;
  const viewer = model.viewer;
  const layout = model.layout;
  const blind = viewer !== null && (viewer.status === 'killed' || viewer.status === 'crashed');
  return (
    <>
      <PartitionShades model={model} />
      <circle className="ring-track" r={RING_R} />
      <g className="ring-sectors">
        {model.nodes.map((node) => (
          <path
            key={node.address}
            className={`ring-sector ring-sector--${node.status}${node.seen ? ` ring-sector--seen-${node.seen}` : ''}`}
            d={sectorPath(node, count)}
          />
        ))}
      </g>
      <FaultLines model={model} t={t} />
      {viewer ? (
        <text className="ring-caption" y={0} style={{ fontSize: `${layout.captionFont}px` }}>
          {blind
            ? t('ring.viewpoint.blind', { node: viewer.name, status: t(`status.${viewer.status}`) })
            : t('ring.viewpoint.as', { node: viewer.name })}
        </text>
      ) : null}
      <ServiceChips model={model} t={t} />
      <ClientClusters model={model} t={t} />
      <g className="ring-nodes">
        {model.nodes.map((node) => (
          <RingNodeButton
            key={node.address}
            node={node}
            selected={selected === node.name}
            t={t}
            onSelect={selectNode}
            radialLabel={count > 8}
            addressFont={layout.addressFont}
            nameScale={layout.nameScale}
          />
        ))}
      </g>
    </>
  );
}

function EmptyRing({ t, layout }: { t: RingText; layout: RingLayout }) {
  return (
    <>
      <circle className="ring-track" r={RING_R} />
      <text className="ring-caption" y={0} style={{ fontSize: `${layout.captionFont}px` }}>
        {t('ring.empty')}
      </text>
    </>
  );
}
