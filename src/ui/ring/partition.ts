import { type NodeSlot, RING_R, SECTOR_DEPTH, type Segment } from './geometry.ts';

/** One side of a split: the nodes of a group that sit next to each other on the ring. */
export interface PartitionRun {
  readonly group: number;
  /** The part of the disc on the run's side of its line, for a tint. */
  readonly shadePath: string;
}

export interface PartitionDrawing {
  readonly runs: readonly PartitionRun[];
  /** The dashed lines: each separates one run from the other groups. */
  readonly lines: readonly Segment[];
  /** Endpoint address → partition group. */
  readonly groupOf: ReadonlyMap<string, number>;
}

const EMPTY: PartitionDrawing = { runs: [], lines: [], groupOf: new Map() };

/**
 * Splits the ring into runs of neighbouring nodes of the same partition group, and cuts
 * each run off with a straight line across the disc, halfway between the run's nodes and
 * the other groups' nodes. {n1} | {n2, n3} draws one line; interleaved groups one per run.
 */
export function partitionDrawing(
  slots: readonly NodeSlot[],
  groups: readonly (readonly string[])[],
): PartitionDrawing {
  const groupOf = new Map<string, number>();
  groups.forEach((group, index) => {
    for (const address of group) groupOf.set(address, index);
  });
  if (groups.length < 2 || slots.length < 2) return { ...EMPTY, groupOf };
  const count = slots.length;
  const groupAt = (i: number) => groupOf.get(slots[(i + count) % count]!.address) ?? -1;
  // Start just after a change of group, so no run wraps around index 0.
  let start = -1;
  for (let i = 0; i < count; i++) if (groupAt(i) !== groupAt(i - 1)) start = i;
  if (start < 0) return { ...EMPTY, groupOf };
  const outer = RING_R + (slots[0]?.r ?? 0) + SECTOR_DEPTH;
  const runs: PartitionRun[] = [];
  const lines = new Map<string, Segment>();
  let i = 0;
  while (i < count) {
    const group = groupAt(start + i);
    let length = 1;
    while (i + length < count && groupAt(start + i + length) === group) length++;
    const run = Array.from({ length }, (_, k) => slots[(start + i + k) % count]!);
    i += length;
    // Nodes in no group reach everyone: only grouped runs are cut off.
    if (group < 0) continue;
    const others = slots.filter((slot) => {
      const other = groupOf.get(slot.address);
      return other !== undefined && other !== group;
    });
    if (others.length === 0) continue;
    const cut = separatingLine(run, others, outer);
    runs.push({ group, shadePath: cut.shadePath });
    const key = [cut.line.x1, cut.line.y1, cut.line.x2, cut.line.y2].map((v) => Math.round(v / 6)).join(',');
    const reverse = [cut.line.x2, cut.line.y2, cut.line.x1, cut.line.y1]
      .map((v) => Math.round(v / 6))
      .join(',');
    if (!lines.has(reverse)) lines.set(key, cut.line);
  }
  return { runs, lines: [...lines.values()], groupOf };
}

/**
 * The line perpendicular to the run's middle direction, halfway between the run's nodes
 * (inner rims) and the others (outer rims), clipped to the disc of radius `outer`.
 */
function separatingLine(run: readonly NodeSlot[], others: readonly NodeSlot[], outer: number) {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  let sweep = last.angle - first.angle;
  if (sweep < 0) sweep += 2 * Math.PI;
  const theta = first.angle + sweep / 2;
  const ux = Math.cos(theta);
  const uy = Math.sin(theta);
  const near = Math.min(...run.map((s) => s.x * ux + s.y * uy - s.r));
  const far = Math.max(...others.map((s) => s.x * ux + s.y * uy + s.r));
  const d = Math.max(-outer * 0.9, Math.min(outer * 0.9, (near + far) / 2));
  const half = Math.sqrt(outer * outer - d * d);
  // Perpendicular (clockwise on screen): the run's side of the line is the arc through θ.
  const px = -uy;
  const py = ux;
  const p = { x: d * ux - half * px, y: d * uy - half * py };
  const q = { x: d * ux + half * px, y: d * uy + half * py };
  const large = d < 0 ? 1 : 0;
  const shadePath = `M${p.x.toFixed(1)},${p.y.toFixed(1)}A${outer},${outer} 0 ${large} 1 ${q.x.toFixed(1)},${q.y.toFixed(1)}Z`;
  return { line: { x1: p.x, y1: p.y, x2: q.x, y2: q.y }, shadePath };
}
