import { useEffect, useRef } from 'react';
import type { Frame } from '../../sim/frame.ts';
import { type SimState, useSim } from '../../store/simStore.ts';
import { FlightPainter, type FlightScene, PathCache } from './drawFlights.ts';
import { FlightBoard } from './flights.ts';
import { FALLBACK_PALETTE, type Palette, readPalette } from './palette.ts';
import { AdaptiveResolution } from './resolution.ts';

/** A flight lasts at least this long on screen, whatever the speed, so a person can follow it. */
const MIN_FLIGHT_WALL_MS = 380;
/** How long a dropped message takes to die on screen. */
const DIE_WALL_MS = 650;
/** The wall time between two frames we allow for when choosing how far behind to draw. */
const FRAME_GAP_WALL_MS = 40;

/** How far behind the simulation the particles run, so every message that should fly is known. */
function lagMs(frame: Frame, speed: number): number {
  const link = frame.network.link;
  return link.latencyMs + link.jitterMs + 30 + FRAME_GAP_WALL_MS * speed;
}

interface Surface {
  width: number;
  height: number;
  dpr: number;
}

/**
 * The canvas over the ring's SVG where messages fly. It never re-renders through React: it
 * subscribes to the store, takes in each frame's messages, and repaints once per animation
 * frame, so hundreds of particles cost one canvas pass instead of hundreds of DOM nodes.
 */
export function ParticleLayer({ scene }: { scene: FlightScene }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef(scene);
  const redrawRef = useRef<() => void>(() => {});

  useEffect(() => {
    sceneRef.current = scene;
    redrawRef.current();
  }, [scene]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const board = new FlightBoard();
    const paths = new PathCache();
    const painter = new FlightPainter();
    const surface: Surface = { width: 0, height: 0, dpr: 1 };
    const resolution = new AdaptiveResolution();
    let palette: Palette = FALLBACK_PALETTE;
    let pending = 0;

    /** Nothing was painted last time: an empty picture needs no repaint (and no compositor copy). */
    let blank = false;
    let stats = 0;

    const paint = (nowMs: number) => {
      pending = 0;
      if (resolution.note(nowMs)) resize();
      if (resolution.skip()) {
        schedule();
        return;
      }
      const state = useSim.getState();
      const started = performance.now();
      let marks = 0;
      let flying = 0;
      if (state.frame && surface.width > 0) {
        const speed = Math.max(0.01, state.speed);
        const displayMs = state.frame.nowMs - lagMs(state.frame, speed);
        const dieMs = DIE_WALL_MS * speed;
        board.prune(displayMs, dieMs);
        paths.use(sceneRef.current);
        ({ marks, flying } = painter.collect(board, paths, displayMs, dieMs));
      }
      if (marks === 0 && blank) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      blank = marks === 0;
      if (!blank) {
        // The SVG's preserveAspectRatio="xMidYMid meet", done by hand.
        const view = sceneRef.current.view;
        const scale = Math.min(surface.width / view.w, surface.height / view.h);
        const offsetX = (surface.width - view.w * scale) / 2 - view.x * scale;
        const offsetY = (surface.height - view.h * scale) / 2 - view.y * scale;
        const k = scale * surface.dpr;
        ctx.setTransform(k, 0, 0, k, offsetX * surface.dpr, offsetY * surface.dpr);
        painter.paint(ctx, palette, sceneRef.current.particleR);
      }
      // For tests and the frame-time measurement; written now and then, not every frame.
      if (++stats % 10 === 0 || blank) {
        canvas.dataset.particles = String(flying);
        canvas.dataset.paintMs = (performance.now() - started).toFixed(2);
      }
    };
    const schedule = () => {
      if (pending === 0) pending = requestAnimationFrame(paint);
    };
    redrawRef.current = schedule;

    const onState = (state: SimState, previous: SimState) => {
      if (state.frame === previous.frame || !state.frame) return;
      board.ingest(state.frame.messages, state.frame.nowMs, MIN_FLIGHT_WALL_MS * Math.max(0.01, state.speed));
      schedule();
    };
    const unsubscribe = useSim.subscribe(onState);

    const resize = () => {
      const box = canvas.getBoundingClientRect();
      surface.width = box.width;
      surface.height = box.height;
      // Particles need no more than 2× pixels; a 3× phone would triple the fill cost for nothing.
      surface.dpr = Math.min(2, window.devicePixelRatio || 1) * resolution.scale;
      canvas.dataset.resolution = resolution.label;
      canvas.width = Math.round(box.width * surface.dpr);
      canvas.height = Math.round(box.height * surface.dpr);
      blank = false;
      schedule();
    };
    const refreshPalette = () => {
      palette = readPalette(canvas);
      blank = false;
      schedule();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    // The theme can change with the system setting or with the shell's toggle on <html>.
    const dark = window.matchMedia('(prefers-color-scheme: dark)');
    dark.addEventListener('change', refreshPalette);
    const themeWatch = new MutationObserver(refreshPalette);
    themeWatch.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'data-theme', 'style'],
    });
    resize();
    refreshPalette();
    const frame = useSim.getState().frame;
    if (frame) board.ingest(frame.messages, frame.nowMs, MIN_FLIGHT_WALL_MS * useSim.getState().speed);

    return () => {
      unsubscribe();
      observer.disconnect();
      themeWatch.disconnect();
      dark.removeEventListener('change', refreshPalette);
      if (pending !== 0) cancelAnimationFrame(pending);
      redrawRef.current = () => {};
    };
  }, []);

  return <canvas ref={canvasRef} className="ring-particles" />;
}
