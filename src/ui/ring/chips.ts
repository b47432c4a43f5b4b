import { chipGrid, type Point } from './geometry.ts';
import type { RingLayout } from './layout.ts';
import { type RingModel, serviceLabel } from './model.ts';

/** A service chip in a node's sector. */
export interface ChipLayout extends Point {
  /** Stable across re-mappings (`service#n`), so a chip that changes owner moves. */
  readonly key: string;
  /** group@@service; empty for the "+k" chip of a full sector. */
  readonly service: string;
  readonly node: string;
  readonly label: string;
  /** Instances the claimant holds. */
  readonly count: number;
  /** How many nodes claim the service in this view (more than one: split brain). */
  readonly owners: number;
  readonly width: number;
}

/** A node's sector shows this many chips; the rest fold into a "+k" chip. */
export const MAX_CHIPS = 8;

let measurer: CanvasRenderingContext2D | null | undefined;

/** A label's width at the chip's font; an estimate where there is no DOM. */
function labelWidth(label: string, fontPx: number): number {
  if (measurer === undefined) {
    measurer = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (!measurer) return label.length * fontPx * 0.58;
  measurer.font = `600 ${fontPx}px ${getComputedStyle(document.documentElement).fontFamily || 'sans-serif'}`;
  return measurer.measureText(label).width;
}

/** Swatch and padding on the left, the instance count (when shown) on the right. */
function chipWidth(label: string, count: number, layout: RingLayout): number {
  const font = layout.chipFont;
  const left = font * 1.6;
  const right = layout.chipCounts ? font * 1.1 + String(count).length * font * 0.56 : font * 0.8;
  return Math.max(font * 4.6, Math.ceil(left + labelWidth(label, font) + right));
}

function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Nodes at the top and bottom have room for a second column; those at the sides do not. */
function columnsFor(angle: number, count: number): number {
  return count > 3 && Math.abs(Math.sin(angle)) > 0.7 ? 2 : 1;
}

/**
 * Gives every claim a key. A claim keeps its key while its node still claims the service;
 * a freed key goes to the next new claimant, so a re-mapped service is one chip that moves.
 */
export function assignChipKeys(
  previous: ReadonlyMap<string, { service: string; node: string }>,
  claims: ReadonlyMap<string, readonly string[]>,
): Map<string, { service: string; node: string }> {
  const next = new Map<string, { service: string; node: string }>();
  const byService = new Map<string, string[]>();
  for (const [key, claim] of previous) {
    const keys = byService.get(claim.service) ?? [];
    keys.push(key);
    byService.set(claim.service, keys);
  }
  for (const [service, nodes] of claims) {
    const oldKeys = byService.get(service) ?? [];
    const nodeOf = (key: string) => previous.get(key)!.node;
    const waiting = nodes.filter((node) => !oldKeys.some((key) => nodeOf(key) === node));
    const free = oldKeys.filter((key) => !nodes.includes(nodeOf(key)));
    for (const key of oldKeys) if (nodes.includes(nodeOf(key))) next.set(key, { service, node: nodeOf(key) });
    let serial = 0;
    for (const node of waiting) {
      let key = free.shift();
      while (key === undefined) {
        const candidate = `${service}#${serial++}`;
        if (!next.has(candidate) && !previous.has(candidate)) key = candidate;
      }
      next.set(key, { service, node });
    }
  }
  return next;
}

/** Lays each node's chips out in its sector, one column (two at the top and bottom of a busy ring). */
export function layoutChips(
  model: RingModel,
  keys: ReadonlyMap<string, { service: string; node: string }>,
): ChipLayout[] {
  const layout = model.layout;
  const byNode = new Map<string, { key: string; service: string }[]>();
  for (const [key, claim] of keys) {
    const list = byNode.get(claim.node) ?? [];
    list.push({ key, service: claim.service });
    byNode.set(claim.node, list);
  }
  const chips: ChipLayout[] = [];
  for (const node of model.nodes) {
    const list = (byNode.get(node.name) ?? []).sort((a, b) =>
      serviceLabel(a.service).localeCompare(serviceLabel(b.service)),
    );
    if (list.length === 0) continue;
    const shown = list.length > MAX_CHIPS ? list.slice(0, MAX_CHIPS - 1) : list;
    const hidden = list.length - shown.length;
    const entries = shown.map((entry) => {
      const owners = model.claims.get(entry.service)?.length ?? 1;
      const label = shorten(serviceLabel(entry.service), layout.chipMaxChars);
      const count = model.counts.get(`${entry.service} ${node.name}`) ?? 0;
      return { ...entry, owners, label, count };
    });
    const width = Math.max(
      ...entries.map((entry) =>
        chipWidth(entry.owners > 1 ? `⚠ ${entry.label}` : entry.label, entry.count, layout),
      ),
    );
    const boxes = entries.length + (hidden > 0 ? 1 : 0);
    const centres = chipGrid(node, width, layout.chipPitch, boxes, columnsFor(node.angle, boxes));
    entries.forEach((entry, i) => {
      const centre = centres[i]!;
      chips.push({ ...entry, node: node.name, width, x: centre.x, y: centre.y });
    });
    if (hidden > 0) {
      const centre = centres[boxes - 1]!;
      const label = `+${hidden}`;
      chips.push({
        key: `+more@${node.name}`,
        service: '',
        node: node.name,
        label,
        count: 0,
        owners: 1,
        width,
        ...centre,
      });
    }
  }
  return chips;
}
