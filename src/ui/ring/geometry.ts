import { arc } from 'd3';

/**
 * Where everything on the ring sits, in the SVG's user units (the ring is centred on 0,0).
 * The canvas overlay maps the same units onto its pixels, so particles and nodes share one
 * coordinate system. layout.ts says how big the box around the ring is.
 */
/** Radius of the circle the node centres sit on. */
export const RING_R = 282;
const NODE_R_MAX = 40;
const NODE_R_MIN = 13;
/** Sector band, measured outward from the node's rim. */
const SECTOR_GAP = 10;
export const SECTOR_DEPTH = 140;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface NodeSlot extends Point {
  readonly address: string;
  readonly name: string;
  readonly index: number;
  /** Radians, screen orientation: 0 is 3 o'clock and angles grow clockwise; n1 sits at 12. */
  readonly angle: number;
  readonly r: number;
}

export function nodeRadius(count: number): number {
  if (count <= 1) return NODE_R_MAX;
  const spacing = 2 * RING_R * Math.sin(Math.PI / count);
  return Math.max(NODE_R_MIN, Math.min(NODE_R_MAX, spacing * 0.36));
}

export function nodeSlots(nodes: readonly { readonly address: string; readonly name: string }[]): NodeSlot[] {
  const count = nodes.length;
  const r = nodeRadius(count);
  return nodes.map((node, index) => {
    const angle = -Math.PI / 2 + (index * 2 * Math.PI) / Math.max(1, count);
    return {
      address: node.address,
      name: node.name,
      index,
      angle,
      x: RING_R * Math.cos(angle),
      y: RING_R * Math.sin(angle),
      r,
    };
  });
}

export function polar(radius: number, angle: number): Point {
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

/** Inner radius of the sector band: just outside the node's rim. */
export function sectorInner(slot: NodeSlot): number {
  return RING_R + slot.r + SECTOR_GAP;
}

const sectorShape = arc<{ inner: number; outer: number; start: number; end: number }>()
  .innerRadius((d) => d.inner)
  .outerRadius((d) => d.outer)
  .startAngle((d) => d.start)
  .endAngle((d) => d.end)
  .cornerRadius(10)
  .padAngle(0.02);

/** The wedge outside a node that holds its chips. d3.arc measures from 12 o'clock. */
export function sectorPath(slot: NodeSlot, count: number): string {
  const half = Math.PI / Math.max(1, count);
  const center = slot.angle + Math.PI / 2;
  const inner = sectorInner(slot);
  return sectorShape({ inner, outer: inner + SECTOR_DEPTH, start: center - half, end: center + half }) ?? '';
}

/**
 * Centres for a grid of boxes (chips) just outside a node, filled row by row: the grid's
 * edge nearest the ring touches the sector's inner rim along the node's radius, whatever
 * the angle.
 */
export function chipGrid(
  slot: NodeSlot,
  width: number,
  pitch: number,
  count: number,
  columns: number,
): Point[] {
  const ux = Math.cos(slot.angle);
  const uy = Math.sin(slot.angle);
  const rows = Math.ceil(count / columns);
  const gridW = columns * width + (columns - 1) * CHIP_GAP;
  const gridH = rows * pitch;
  const reach = (Math.abs(ux) * gridW) / 2 + (Math.abs(uy) * gridH) / 2;
  const anchor = sectorInner(slot) + 12 + reach;
  const cx = anchor * ux;
  const cy = anchor * uy;
  return Array.from({ length: count }, (_, i) => {
    const row = Math.floor(i / columns);
    const inRow = Math.min(columns, count - row * columns);
    const column = i % columns;
    return {
      x: cx + (column - (inRow - 1) / 2) * (width + CHIP_GAP),
      y: cy - gridH / 2 + pitch * (row + 0.5),
    };
  });
}

const CHIP_GAP = 8;

/** A gently curved flight path; A→B and B→A bow to opposite sides so a request and its reply never overlap. */
export interface Curve {
  readonly x0: number;
  readonly y0: number;
  readonly cx: number;
  readonly cy: number;
  readonly x1: number;
  readonly y1: number;
}

export function flightCurve(a: Point, b: Point, trimA: number, trimB: number, bend = 0.12): Curve {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  const x0 = a.x + ux * trimA;
  const y0 = a.y + uy * trimA;
  const x1 = b.x - ux * trimB;
  const y1 = b.y - uy * trimB;
  // Left of travel on screen (y grows downward): (uy, −ux).
  const offset = bend * length;
  return { x0, y0, x1, y1, cx: (x0 + x1) / 2 + uy * offset, cy: (y0 + y1) / 2 - ux * offset };
}

/** Client links bow less, so a cut client link's barrier stays short. */
export function bendFor(from: string, to: string): number {
  return from.startsWith('client/') || to.startsWith('client/') ? 0.07 : 0.12;
}

/** The point at t ∈ [0, 1] of a quadratic Bézier. */
export function curvePoint(c: Curve, t: number): Point {
  const s = 1 - t;
  return {
    x: s * s * c.x0 + 2 * s * t * c.cx + t * t * c.x1,
    y: s * s * c.y0 + 2 * s * t * c.cy + t * t * c.y1,
  };
}

export function curvePathD(c: Curve): string {
  return `M${c.x0.toFixed(1)},${c.y0.toFixed(1)}Q${c.cx.toFixed(1)},${c.cy.toFixed(1)} ${c.x1.toFixed(1)},${c.y1.toFixed(1)}`;
}

export interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Where segment p→q crosses segment s (as a fraction of p→q), or null. */
export function crossing(p: Point, q: Point, s: Segment): number | null {
  const rx = q.x - p.x;
  const ry = q.y - p.y;
  const sx = s.x2 - s.x1;
  const sy = s.y2 - s.y1;
  const denominator = rx * sy - ry * sx;
  if (Math.abs(denominator) < 1e-9) return null;
  const t = ((s.x1 - p.x) * sy - (s.y1 - p.y) * sx) / denominator;
  const u = ((s.x1 - p.x) * ry - (s.y1 - p.y) * rx) / denominator;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? t : null;
}

const CROSSING_SAMPLES = 12;

/** The first t at which a curve crosses any of the lines, or null when it crosses none. */
export function firstCrossing(c: Curve, lines: readonly Segment[]): number | null {
  if (lines.length === 0) return null;
  let previous = curvePoint(c, 0);
  for (let i = 1; i <= CROSSING_SAMPLES; i++) {
    const next = curvePoint(c, i / CROSSING_SAMPLES);
    let best: number | null = null;
    for (const line of lines) {
      const t = crossing(previous, next, line);
      if (t !== null && (best === null || t < best)) best = t;
    }
    if (best !== null) return (i - 1 + best) / CROSSING_SAMPLES;
    previous = next;
  }
  return null;
}
