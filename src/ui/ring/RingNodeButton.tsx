import type { KeyboardEvent } from 'react';
import type { RingNode } from './model.ts';
import type { RingText } from './text.ts';

/** A small mark beside the colour, so state never rests on colour alone. */
const STATUS_GLYPH: Record<RingNode['status'], string> = {
  running: '',
  paused: '❚❚',
  killed: '✕',
  crashed: '⚡',
};
const SEEN_GLYPH: Record<Exclude<RingNode['seen'], null>, string> = {
  self: '◎',
  UP: '✓',
  SUSPICIOUS: '?',
  DOWN: '✕',
};

export function nodeLabel(node: RingNode, t: RingText): string {
  const status = t(`status.${node.status}`);
  const seen = node.seen === null || node.seen === 'self' ? '' : `, ${t(`member.${node.seen}`)}`;
  const self = node.seen === 'self' ? `, ${t('ring.self')}` : '';
  return `${node.name} ${node.address} ${status}${seen}${self}`;
}

interface Props {
  readonly node: RingNode;
  readonly selected: boolean;
  readonly t: RingText;
  readonly onSelect: (name: string) => void;
  /** Crowded rings lay addresses along the radius, where they cannot collide. */
  readonly radialLabel: boolean;
  /** The address label's size; 0 (a phone) leaves it to the accessible name and the tooltip. */
  readonly addressFont: number;
  /** Name size as a fraction of the node's radius. */
  readonly nameScale: number;
}

/** A node on the ring: a focusable button that opens the node in the inspector. */
export function RingNodeButton({ node, selected, t, onSelect, radialLabel, addressFont, nameScale }: Props) {
  const glyph = node.seen === null ? STATUS_GLYPH[node.status] : SEEN_GLYPH[node.seen];
  const badge = node.r * 0.72;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(node.name);
    }
  };
  const tooltip = [nodeLabel(node, t), node.error].filter(Boolean).join('\n');
  const classes = [
    'ring-node',
    `ring-node--${node.status}`,
    node.seen === null ? '' : `ring-node--seen-${node.seen}`,
    selected ? 'ring-node--selected' : '',
  ].filter(Boolean);
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG <g> cannot be a <button>; role and key handling make it one.
    <g
      className={classes.join(' ')}
      // A CSS transform (not the attribute) so a node glides to its new place when one joins.
      style={{ transform: `translate(${node.x.toFixed(1)}px,${node.y.toFixed(1)}px)` }}
      role="button"
      tabIndex={0}
      aria-label={nodeLabel(node, t)}
      aria-pressed={selected}
      {...(node.error ? { 'aria-description': node.error } : {})}
      data-testid={`node-${node.name}`}
      data-status={node.status}
      data-seen={node.seen ?? undefined}
      onClick={() => onSelect(node.name)}
      onKeyDown={onKeyDown}
    >
      <title>{tooltip}</title>
      <circle className="ring-node-halo" r={node.r + 8} />
      <circle className="ring-node-body" r={node.r} />
      <text
        className="ring-node-name"
        y={0}
        style={{ fontSize: `${Math.max(13, node.r * nameScale).toFixed(1)}px` }}
      >
        {node.name}
      </text>
      {glyph ? (
        <g className="ring-node-badge" transform={`translate(${badge.toFixed(1)},${(-badge).toFixed(1)})`}>
          <circle r={Math.max(8, node.r * 0.36)} />
          <text style={{ fontSize: `${Math.max(10, node.r * 0.36).toFixed(1)}px` }}>{glyph}</text>
        </g>
      ) : null}
      {addressFont > 0 ? <AddressLabel node={node} radial={radialLabel} fontPx={addressFont} /> : null}
    </g>
  );
}

/** The address, inside the ring on the side facing the centre. */
function AddressLabel({ node, radial, fontPx }: { node: RingNode; radial: boolean; fontPx: number }) {
  const ux = Math.cos(node.angle);
  const uy = Math.sin(node.angle);
  const gap = node.r + 10;
  const x = -ux * gap;
  const y = -uy * gap;
  if (radial) {
    // Along the radius, reading left to right on both halves of the ring.
    const right = ux >= 0;
    const degrees = (node.angle * 180) / Math.PI + (right ? 0 : 180);
    return (
      <text
        className="ring-node-address"
        transform={`translate(${x.toFixed(1)},${y.toFixed(1)}) rotate(${degrees.toFixed(1)})`}
        style={{ textAnchor: right ? 'end' : 'start', fontSize: `${(fontPx * 0.82).toFixed(1)}px` }}
      >
        {node.address}
      </text>
    );
  }
  // Near the top and bottom the label sits above or below the node, centred: sideways it
  // would run into the neighbour's label across the ring's narrow end.
  const anchor = Math.abs(uy) > 0.75 ? 'middle' : ux > 0 ? 'end' : 'start';
  const baseline = uy < -0.35 ? 'hanging' : uy > 0.35 ? 'alphabetic' : 'middle';
  return (
    <text
      className="ring-node-address"
      x={x}
      y={y}
      style={{
        textAnchor: anchor,
        dominantBaseline: baseline,
        fontSize: `${node.r < 26 ? fontPx * 0.82 : fontPx}px`,
      }}
    >
      {node.address}
    </text>
  );
}
