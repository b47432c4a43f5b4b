import { create } from 'zustand';
import type { Frame } from '../sim/frame.ts';
import type { SessionConfig } from '../workers/simService.ts';
import type { SimConnection } from './simConnection.ts';

export type Language = 'en' | 'zh';

/** Speeds offered by the time controls (virtual ms per wall ms). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

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
  readonly connection: SimConnection | null;
}

export const DEFAULT_CONFIG: SessionConfig = { seed: 1, nodeCount: 3 };

function browserLanguage(): Language {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
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
  language: browserLanguage(),
  actionErrors: [],
  connection: null,
}));

/** Small setters every view may use; the controller (simController.ts) owns the rest. */
export function setViewpoint(node: string | null): void {
  useSim.setState({ viewpoint: node });
}

export function selectNode(node: string | null): void {
  useSim.setState({ selectedNode: node });
}

export function setLanguage(language: Language): void {
  useSim.setState({ language });
}
