import { type Language, MAX_UI_NODES, SPEEDS, type Theme } from './simStore.ts';

/**
 * The page's URL parameters (docs/EMBED.md), read once at start-up. A value that is not
 * valid never breaks the page: it is reported as a ParamProblem (shown in the page, naming
 * the parameter and what it expects) and its default is used instead.
 */

/** Panels an embed can show, in the order they are laid out. */
export const EMBED_PANELS = ['ring', 'matrix', 'log', 'inspector', 'charts', 'controls'] as const;
export type EmbedPanel = (typeof EMBED_PANELS)[number];
export const DEFAULT_EMBED_PANELS: readonly EmbedPanel[] = ['ring', 'matrix'];

const MAX_SEED = 0xffff_ffff;

export interface UrlSettings {
  /** `embed=1`: the compact layout for iframes. */
  readonly embed: boolean;
  /** A built-in scenario to start (guided), by id. */
  readonly scenarioId: string | null;
  /** Given explicitly (otherwise the scenario's, or the default 1). */
  readonly seed: number | null;
  readonly nodes: number | null;
  readonly lang: Language | null;
  readonly speed: number | null;
  readonly autoplay: boolean | null;
  readonly starter: boolean | null;
  readonly runtime: 'workers' | 'in-process' | null;
  readonly theme: Theme | null;
  readonly panels: readonly EmbedPanel[];
  /** Origins whose postMessage commands are accepted; `*` accepts any. Empty: the API is off. */
  readonly origins: readonly string[];
}

/**
 * `nodes=abc` → `{ param: 'nodes', got: 'abc', fallback: '3' }`: the page says
 * "nodes=abc: expected a whole number from 1 to 32; using 3". `fallback` null means the
 * parameter's "off" (no scenario, no host origins). `ignored` marks a valid value that
 * another parameter overrides (`nodes` beside `scenario`), with the one that wins.
 */
export interface ParamProblem {
  readonly param: ParamName;
  readonly got: string;
  readonly fallback: string | null;
  readonly ignoredBecause?: 'scenario' | 'link';
}

export type ParamName =
  | 'embed'
  | 'scenario'
  | 'seed'
  | 'nodes'
  | 'lang'
  | 'speed'
  | 'autoplay'
  | 'starter'
  | 'runtime'
  | 'theme'
  | 'panels'
  | 'origins';

export interface ParsedParams {
  readonly settings: UrlSettings;
  readonly problems: readonly ParamProblem[];
}

/** Reads the query string (`?embed=1&nodes=5…`); `builtinIds` are the scenarios `scenario` may name. */
export function parseUrlParams(search: string, builtinIds: readonly string[]): ParsedParams {
  const params = new URLSearchParams(search);
  const problems: ParamProblem[] = [];
  const bad = (param: ParamName, fallback: string | null) =>
    problems.push({ param, got: params.get(param) ?? '', fallback });
  const text = (param: ParamName): string | null => {
    const value = params.get(param);
    return value === null ? null : value.trim();
  };

  const flag = (param: ParamName, fallback: boolean): boolean | null => {
    const value = text(param);
    if (value === null) return null;
    if (value === '1' || value === 'true') return true;
    if (value === '0' || value === 'false') return false;
    bad(param, fallback ? '1' : '0');
    return null;
  };
  const integer = (param: ParamName, min: number, max: number, fallback: string | null): number | null => {
    const value = text(param);
    if (value === null) return null;
    if (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max) return Number(value);
    bad(param, fallback);
    return null;
  };
  const oneOf = <T extends string>(
    param: ParamName,
    values: readonly T[],
    fallback: string | null,
  ): T | null => {
    const value = text(param);
    if (value === null) return null;
    if ((values as readonly string[]).includes(value)) return value as T;
    bad(param, fallback);
    return null;
  };

  const embed = flag('embed', false) ?? false;
  const scenarioId = oneOf('scenario', builtinIds, null);
  // null: the scenario's own seed.
  const seed = integer('seed', 0, MAX_SEED, scenarioId === null ? '1' : null);
  const nodes = integer('nodes', 1, MAX_UI_NODES, '3');
  if (nodes !== null && scenarioId !== null)
    problems.push({ param: 'nodes', got: String(nodes), fallback: null, ignoredBecause: 'scenario' });
  const lang = oneOf<Language>('lang', ['en', 'zh'], null);
  const speedText = text('speed');
  let speed: number | null = null;
  if (speedText !== null) {
    const value = Number(speedText);
    if (speedText !== '' && (SPEEDS as readonly number[]).includes(value)) speed = value;
    else bad('speed', '1');
  }
  const autoplay = flag('autoplay', true);
  const starter = flag('starter', true);
  const runtime = oneOf('runtime', ['workers', 'in-process'] as const, 'workers');
  const theme = oneOf<Theme>('theme', ['light', 'dark', 'system'], 'system');
  const panels = readPanels(text('panels'), problems);
  const origins = readOrigins(text('origins'), problems);

  return {
    settings: {
      embed,
      scenarioId,
      seed,
      nodes: scenarioId === null ? nodes : null,
      lang,
      speed,
      autoplay,
      starter,
      runtime,
      theme,
      panels,
      origins,
    },
    problems,
  };
}

function readPanels(value: string | null, problems: ParamProblem[]): readonly EmbedPanel[] {
  if (value === null) return DEFAULT_EMBED_PANELS;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const known = names.filter((name): name is EmbedPanel =>
    (EMBED_PANELS as readonly string[]).includes(name),
  );
  const panels = EMBED_PANELS.filter((panel) => known.includes(panel));
  const used = panels.length > 0 ? panels : DEFAULT_EMBED_PANELS;
  if (known.length !== names.length || names.length === 0)
    problems.push({ param: 'panels', got: value, fallback: used.join(',') });
  return used;
}

/** `*`, or origins as a browser writes them: `https://docs.example.com`, `http://localhost:8080`. */
export function isOrigin(text: string): boolean {
  if (text === '*') return true;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}

function readOrigins(value: string | null, problems: ParamProblem[]): readonly string[] {
  if (value === null) return [];
  const entries = value
    .split(',')
    .map((entry) => entry.trim().replace(/\/$/, ''))
    .filter((entry) => entry !== '');
  const valid = entries.filter(isOrigin);
  if (valid.length !== entries.length || entries.length === 0)
    problems.push({ param: 'origins', got: value, fallback: valid.length > 0 ? valid.join(',') : null });
  return valid;
}
