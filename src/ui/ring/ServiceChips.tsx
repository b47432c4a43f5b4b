// `interrupt` comes from d3-transition: importing it keeps the module whose side effect adds
// selection.transition(), which d3's sideEffects: false would otherwise let the bundler drop.
import { easeCubicInOut, interrupt, select } from 'd3';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { assignChipKeys, type ChipLayout, layoutChips } from './chips.ts';
import type { Point } from './geometry.ts';
import type { RingLayout } from './layout.ts';
import type { RingModel } from './model.ts';
import { serviceColour } from './palette.ts';
import type { RingText } from './text.ts';

const MOVE_MS = 900;
const FADE_MS = 500;

/** People who ask for less motion get chips that jump to their new owner. */
function motionMs(ms: number): number {
  const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  return reduce ? 0 : ms;
}

interface ChipEntry {
  readonly chip: ChipLayout;
  /** A new chip of a service already on screen grows out of that chip (a split brain claim). */
  readonly from: Point | null;
  /** A chip whose claim ended flies into the service's remaining chip, or fades where it is. */
  readonly leavingTo: Point | null;
}

interface Leaving {
  readonly chip: ChipLayout;
  readonly to: Point;
  readonly untilMs: number;
}

/**
 * Keeps leaving chips on screen while they animate out. Only committed chips are compared
 * with (in an effect), so a render that React throws away changes nothing.
 */
function useChipEntries(chips: readonly ChipLayout[]): ChipEntry[] {
  const committed = useRef(new Map<string, ChipLayout>());
  const leaving = useRef(new Map<string, Leaving>());
  const [, setTick] = useState(0);
  const live = new Map(chips.map((chip) => [chip.key, chip]));
  const sibling = (service: string, among: Iterable<ChipLayout>) => {
    for (const chip of among) if (chip.service === service && service !== '') return chip;
    return null;
  };
  const entries: ChipEntry[] = chips.map((chip) => {
    const isNew = !committed.current.has(chip.key);
    const parent = isNew ? sibling(chip.service, committed.current.values()) : null;
    return { chip, from: parent ? { x: parent.x, y: parent.y } : null, leavingTo: null };
  });
  const gone = (key: string) => !live.has(key);
  for (const [key, chip] of committed.current) {
    if (!gone(key)) continue;
    const heir = sibling(chip.service, chips);
    entries.push({ chip, from: null, leavingTo: heir ? { x: heir.x, y: heir.y } : { x: chip.x, y: chip.y } });
  }
  for (const [key, exit] of leaving.current)
    if (gone(key) && !committed.current.has(key))
      entries.push({ chip: exit.chip, from: null, leavingTo: exit.to });

  useEffect(() => {
    const now = performance.now();
    for (const [key, chip] of committed.current) {
      if (live.has(key)) continue;
      const heir = sibling(chip.service, live.values());
      leaving.current.set(key, { chip, to: heir ?? chip, untilMs: now + MOVE_MS });
    }
    for (const key of live.keys()) leaving.current.delete(key);
    committed.current = live;
    if (leaving.current.size === 0) return;
    const timer = window.setTimeout(() => {
      const at = performance.now();
      for (const [key, exit] of leaving.current) if (exit.untilMs <= at) leaving.current.delete(key);
      setTick((tick) => tick + 1);
    }, MOVE_MS + 20);
    return () => window.clearTimeout(timer);
  });
  return entries;
}

/** The services each node believes it owns, as chips that move when ownership re-maps. */
export function ServiceChips({ model, t }: { model: RingModel; t: RingText }) {
  const keysRef = useRef(new Map<string, { service: string; node: string }>());
  const chips = useMemo(() => {
    const keys = assignChipKeys(keysRef.current, model.claims);
    keysRef.current = keys;
    return layoutChips(model, keys);
  }, [model]);
  const entries = useChipEntries(chips);
  return (
    <g className="ring-chips">
      {entries.map((entry) => (
        <Chip key={entry.chip.key} entry={entry} layout={model.layout} t={t} />
      ))}
    </g>
  );
}

function Chip({ entry, layout, t }: { entry: ChipEntry; layout: RingLayout; t: RingText }) {
  const ref = useRef<SVGGElement>(null);
  // Where the chip first appears matters only once, when it mounts.
  const spawn = useRef(entry.from);
  const placed = useRef(false);
  const { chip, leavingTo } = entry;
  const targetX = (leavingTo ?? chip).x;
  const targetY = (leavingTo ?? chip).y;
  const leaving = leavingTo !== null;

  // D3 animates the transform React leaves alone; React owns the chip's contents.
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    const g = select(node);
    const to = `translate(${targetX.toFixed(1)},${targetY.toFixed(1)})`;
    if (!placed.current) {
      placed.current = true;
      const from = spawn.current;
      const start = from ?? { x: targetX, y: targetY };
      g.attr('transform', `translate(${start.x.toFixed(1)},${start.y.toFixed(1)})`).style(
        'opacity',
        from ? 0.4 : 0,
      );
      g.transition()
        .duration(motionMs(from ? MOVE_MS : FADE_MS))
        .ease(easeCubicInOut)
        .attr('transform', to)
        .style('opacity', leaving ? 0 : 1);
      return;
    }
    g.transition()
      .duration(motionMs(MOVE_MS))
      .ease(easeCubicInOut)
      .attr('transform', to)
      .style('opacity', leaving ? 0 : 1);
  }, [targetX, targetY, leaving]);

  useEffect(
    () => () => {
      if (ref.current) interrupt(ref.current);
    },
    [],
  );

  const left = -chip.width / 2;
  const conflict = chip.owners > 1;
  const more = chip.service === '';
  const font = layout.chipFont;
  const title = more
    ? chip.label
    : `${chip.service} · ${chip.node} · ${chip.count}${conflict ? ` · ${t('ring.owners', { count: chip.owners })}` : ''}`;
  return (
    <g
      ref={ref}
      className={`ring-chip${conflict ? ' ring-chip--conflict' : ''}${leavingTo ? ' ring-chip--leaving' : ''}`}
      data-service={chip.service}
      data-node={chip.node}
      data-testid={more ? undefined : `chip-${chip.node}-${chip.service}`}
    >
      <title>{title}</title>
      <rect x={left} y={-layout.chipH / 2} width={chip.width} height={layout.chipH} rx={layout.chipH / 2} />
      {more ? null : (
        <circle
          className="ring-chip-swatch"
          cx={left + font * 0.9}
          cy={0}
          r={font * 0.36}
          fill={serviceColour(chip.service)}
        />
      )}
      <text
        className="ring-chip-label"
        x={more ? 0 : left + font * 1.6}
        y={0}
        style={{ textAnchor: more ? 'middle' : 'start', fontSize: `${font}px` }}
      >
        {conflict ? `⚠ ${chip.label}` : chip.label}
      </text>
      {more || !layout.chipCounts ? null : (
        <text
          className="ring-chip-count"
          x={-left - font * 0.7}
          y={0}
          style={{ textAnchor: 'end', fontSize: `${font * 0.88}px` }}
        >
          {chip.count}
        </text>
      )}
    </g>
  );
}
