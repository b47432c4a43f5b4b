import { create } from 'zustand';
import type { Frame, LogEntry } from '../sim/frame.ts';
import type { RecordedStep, SessionConfig } from '../workers/simService.ts';
import type { SimConnection } from './simConnection.ts';

export type Language = 'en' | 'zh';

/** `system` follows prefers-color-scheme; the others are the user's override. */
export type Theme = 'system' | 'light' | 'dark';

export type RuntimeKind = 'workers' | 'in-process';

/** One trace record as frames carry them. */
export type FrameEvent = Frame['events'][number];

/** Speeds offered by the time controls (virtual ms per wall ms). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 100;

/** The UI offers "add node" up to this many nodes (the simulator accepts more). */
export const MAX_UI_NODES = 32;

/** How many message-log lines and trace records the store keeps (newest last). */
export const LOG_CAPACITY = 1000;
export const EVENT_CAPACITY = 1000;

export interface SimState {
  /** The last frame the sim worker published; null until the first one. */
  readonly frame: Frame | null;
  readonly config: SessionConfig;
  readonly playing: boolean;
  /** Virtual ms per wall ms. */
  readonly speed: number;
  /** The node whose view the ring shows ("as seen by"); null: each node's own state. */
  readonly viewpoint: string | null;
  /** The node open in the inspector. */
  readonly selectedNode: string | null;
  readonly language: Language;
  /** The last action's validation errors, shown next to the control that sent it. */
  readonly actionErrors: readonly string[];
  /** Which control sent the action that failed (for example `register`); null when none failed. */
  readonly actionErrorSource: string | null;
  readonly connection: SimConnection | null;

  /** True once the first reset has produced a frame. */
  readonly ready: boolean;
  /** Where the nodes run: one Web Worker each, or all inside the sim worker. */
  readonly runtime: RuntimeKind;
  /** Node address → does it run in its own Web Worker (from the sim worker). */
  readonly workerFlags: Readonly<Record<string, boolean>>;
  readonly theme: Theme;

  /**
   * Message-log lines accumulated over frames (each frame carries only the new ones), at
   * most LOG_CAPACITY, oldest first. Cleared when `epoch` changes.
   */
  readonly log: readonly LogEntry[];
  /** Trace records accumulated over frames, at most EVENT_CAPACITY, oldest first. */
  readonly events: readonly FrameEvent[];
  /**
   * Bumped whenever the run restarts (reset, new seed, time travel backwards): views that
   * keep a history of frames (charts, logs) start over when it changes.
   */
  readonly epoch: number;

  /** Every action applied so far in this run, with its virtual time (the recording). */
  readonly steps: readonly RecordedStep[];
  /**
   * Actions undone by travelling back in time; going forward again (playing, running to a
   * time, scrubbing) re-applies them at their times. Any new action discards them.
   */
  readonly future: readonly RecordedStep[];
  /** The furthest virtual time this run has reached (the timeline's extent). */
  readonly horizonMs: number;
  /** A time-travel replay is under way. */
  readonly seeking: boolean;
  /** The user is dragging the timeline: the play loop holds still. */
  readonly scrubbing: boolean;
  /** The last failure of the simulator connection itself (not a validation error). */
  readonly fatalError: string | null;
}

export const DEFAULT_CONFIG: SessionConfig = { seed: 1, nodeCount: 3 };

function browserLanguage(): Language {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const THEME_KEY = 'distro-playground:theme';
const LANGUAGE_KEY = 'distro-playground:language';

function stored(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

function initialTheme(): Theme {
  const value = stored(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

function initialLanguage(): Language {
  const fromUrl = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  const value = stored(LANGUAGE_KEY);
  return value === 'en' || value === 'zh' ? value : browserLanguage();
}

/**
 * The one store: the only bridge from the simulator to React. Components read narrow
 * slices with selectors; the frame is replaced whole once per animation frame.
 */
export const useSim = create<SimState>(() => ({
  frame: null,
  config: DEFAULT_CONFIG,
  playing: false,
  speed: 1,
  viewpoint: null,
  selectedNode: null,
  language: initialLanguage(),
  actionErrors: [],
  actionErrorSource: null,
  connection: null,
  ready: false,
  runtime: 'workers',
  workerFlags: {},
  theme: initialTheme(),
  log: [],
  events: [],
  epoch: 0,
  steps: [],
  future: [],
  horizonMs: 0,
  seeking: false,
  scrubbing: false,
  fatalError: null,
}));

/** Small setters every view may use; the controller (simController.ts) owns the rest. */
export function setViewpoint(node: string | null): void {
  useSim.setState({ viewpoint: node });
}

export function selectNode(node: string | null): void {
  useSim.setState({ selectedNode: node });
}

export function setLanguage(language: Language): void {
  store(LANGUAGE_KEY, language);
  useSim.setState({ language });
}

export function setTheme(theme: Theme): void {
  store(THEME_KEY, theme);
  useSim.setState({ theme });
}

/** Clears the validation errors shown next to a control (for example when the user edits the form). */
export function clearActionErrors(): void {
  useSim.setState({ actionErrors: [], actionErrorSource: null });
}

/** Appends `more` to `list`, keeping the newest `capacity` items; the same array when nothing is new. */
export function appendCapped<T>(list: readonly T[], more: readonly T[], capacity: number): readonly T[] {
  if (more.length === 0) return list;
  const joined = list.length === 0 ? more.slice() : list.concat(more);
  return joined.length > capacity ? joined.slice(joined.length - capacity) : joined;
}

/** How many nodes run in their own Web Worker right now. */
export function workerCount(flags: Readonly<Record<string, boolean>>): number {
  let count = 0;
  for (const value of Object.values(flags)) if (value) count += 1;
  return count;
}
