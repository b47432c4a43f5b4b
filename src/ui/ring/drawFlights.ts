import type { MessageKind } from '../../protocol/messages.ts';
import type { FlightBoard } from './flights.ts';
import {
  bendFor,
  type Curve,
  curvePoint,
  firstCrossing,
  flightCurve,
  type Point,
  type Segment,
} from './geometry.ts';
import { MESSAGE_KINDS, type Palette } from './palette.ts';

/** What the particles need to know of the ring: where endpoints are and where the network is cut. */
export interface FlightScene {
  /** The SVG's viewBox, which the canvas maps onto its pixels the same way. */
  readonly view: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly endpoints: ReadonlyMap<string, Point & { readonly r: number }>;
  readonly partitionLines: readonly Segment[];
  /** Endpoint → partition group; endpoints in none reach everyone. */
  readonly groupOf: ReadonlyMap<string, number>;
  /** Particle radius: smaller on a crowded ring. */
  readonly particleR: number;
}

interface FlightPath {
  readonly curve: Curve;
  /** About the path's length, so trails are equally long on every path. */
  readonly length: number;
  /** Where a message killed by the network dies: the partition line, or a cut link's middle. */
  readonly cutT: number;
}

/** Paths between endpoints, computed once per layout rather than once per particle. */
export class PathCache {
  private paths = new Map<string, FlightPath | null>();
  private scene: FlightScene | null = null;

  use(scene: FlightScene): void {
    if (scene === this.scene) return;
    this.scene = scene;
    this.paths.clear();
  }

  get(from: string, to: string): FlightPath | null {
    const key = `${from}>${to}`;
    let path = this.paths.get(key);
    if (path === undefined) {
      path = this.build(from, to);
      this.paths.set(key, path);
    }
    return path;
  }

  private build(from: string, to: string): FlightPath | null {
    const scene = this.scene;
    const a = scene?.endpoints.get(from);
    const b = scene?.endpoints.get(to);
    if (!scene || !a || !b) return null;
    const curve = flightCurve(a, b, a.r, b.r, bendFor(from, to));
    const fromGroup = scene.groupOf.get(from);
    const toGroup = scene.groupOf.get(to);
    const split = fromGroup !== undefined && toGroup !== undefined && fromGroup !== toGroup;
    const crossing = split ? firstCrossing(curve, scene.partitionLines) : null;
    const length = Math.hypot(curve.x1 - curve.x0, curve.y1 - curve.y0) || 1;
    return { curve, length, cutT: crossing ?? 0.5 };
  }
}

/** Trail length, in the ring's units. */
const TRAIL = 30;
/** Where along its path a lost message vanishes. */
const LOST_AT = 0.55;

/** Per-kind coordinate buffers, reused from frame to frame so painting allocates little. */
class Batch {
  heads: number[] = [];
  replies: number[] = [];
  trails: number[] = [];
  reset(): void {
    this.heads.length = 0;
    this.replies.length = 0;
    this.trails.length = 0;
  }
}

interface Death {
  x: number;
  y: number;
  age: number;
  kind: MessageKind;
  hard: boolean;
}

export class FlightPainter {
  private readonly batches = new Map<MessageKind, Batch>(MESSAGE_KINDS.map((kind) => [kind, new Batch()]));
  private readonly deaths: Death[] = [];

  /** Works out where every flight is at `displayMs`; returns how many marks there are to paint. */
  collect(
    board: FlightBoard,
    paths: PathCache,
    displayMs: number,
    dieMs: number,
  ): { flying: number; marks: number } {
    for (const batch of this.batches.values()) batch.reset();
    this.deaths.length = 0;
    let flying = 0;
    for (const flight of board.values()) {
      if (displayMs < flight.startMs) continue;
      const path = paths.get(flight.from, flight.to);
      if (!path) continue;
      const stopT = flight.fate === 'cut' ? path.cutT : flight.fate === 'lost' ? LOST_AT : 1;
      const progress = (displayMs - flight.startMs) / Math.max(1, flight.endMs - flight.startMs);
      if (progress <= 1) {
        const t = progress * stopT;
        const head = curvePoint(path.curve, t);
        const tail = curvePoint(path.curve, Math.max(0, t - TRAIL / path.length));
        const batch = this.batches.get(flight.kind)!;
        (flight.reply ? batch.replies : batch.heads).push(head.x, head.y);
        batch.trails.push(tail.x, tail.y, head.x, head.y);
        flying++;
      } else if (flight.fate !== 'delivered') {
        const age = (displayMs - flight.endMs) / dieMs;
        if (age > 1) continue;
        const at = curvePoint(path.curve, stopT);
        const hard = flight.fate === 'cut' || flight.fate === 'refused';
        this.deaths.push({ x: at.x, y: at.y, age, kind: flight.kind, hard });
      }
    }
    return { flying, marks: flying + this.deaths.length };
  }

  /** Paints what `collect` found. */
  paint(ctx: CanvasRenderingContext2D, palette: Palette, headR: number): void {
    this.paintBatches(ctx, palette, headR);
    this.paintDeaths(ctx, palette, headR);
  }

  private paintBatches(ctx: CanvasRenderingContext2D, palette: Palette, headR: number): void {
    ctx.lineCap = 'butt';
    ctx.globalAlpha = 0.32;
    ctx.lineWidth = headR * 0.9;
    for (const [kind, batch] of this.batches) {
      if (batch.trails.length === 0) continue;
      ctx.strokeStyle = palette.kinds[kind];
      ctx.beginPath();
      const trails = batch.trails;
      for (let i = 0; i < trails.length; i += 4) {
        ctx.moveTo(trails[i]!, trails[i + 1]!);
        ctx.lineTo(trails[i + 2]!, trails[i + 3]!);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    for (const [kind, batch] of this.batches) {
      const colour = palette.kinds[kind];
      if (batch.heads.length > 0) {
        // A thin ring of the background keeps particles apart where they bunch up.
        circles(ctx, batch.heads, headR);
        ctx.fillStyle = colour;
        ctx.fill();
        ctx.lineWidth = 1.25;
        ctx.strokeStyle = palette.bg;
        ctx.stroke();
      }
      if (batch.replies.length > 0) {
        // An answer: hollow, in its request's colour.
        circles(ctx, batch.replies, headR * 0.8);
        ctx.fillStyle = palette.bg;
        ctx.fill();
        ctx.lineWidth = headR * 0.45;
        ctx.strokeStyle = colour;
        ctx.stroke();
      }
    }
  }

  /** A dropped message: a ring that widens and fades, with a cross where the network refused it. */
  private paintDeaths(ctx: CanvasRenderingContext2D, palette: Palette, headR: number): void {
    for (const death of this.deaths) {
      const fade = 1 - death.age;
      ctx.globalAlpha = fade;
      ctx.strokeStyle = death.hard ? palette.bad : palette.kinds[death.kind];
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      ctx.arc(death.x, death.y, headR + 11 * death.age, 0, Math.PI * 2);
      ctx.stroke();
      ctx.fillStyle = palette.kinds[death.kind];
      ctx.beginPath();
      ctx.arc(death.x, death.y, headR * fade, 0, Math.PI * 2);
      ctx.fill();
      if (death.hard) {
        const s = headR * 0.8;
        ctx.strokeStyle = palette.bad;
        ctx.lineWidth = 2.5;
        ctx.beginPath();
        ctx.moveTo(death.x - s, death.y - s);
        ctx.lineTo(death.x + s, death.y + s);
        ctx.moveTo(death.x + s, death.y - s);
        ctx.lineTo(death.x - s, death.y + s);
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
  }
}

function circles(ctx: CanvasRenderingContext2D, points: readonly number[], r: number): void {
  ctx.beginPath();
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
  }
}
