import { BUILTIN_SCENARIOS, builtinScenario } from '../scenarios/builtins.ts';
import { addNotices, clearPermalinkNotices, type Notice } from './embedNotices.ts';
import { parseUrlParams, type UrlSettings } from './embedParams.ts';
import { decodeRun, type PermalinkRead, permalinkFor, type RunRecording, runValueOf } from './permalink.ts';
import { guidedFor, PLAYER_SPEED, usePlayer } from './scenarioPlayer.ts';
import {
  type InitialRun,
  recording,
  replayScenario,
  runUntil,
  type StartOptions,
  startScenario,
} from './simController.ts';
import { DEFAULT_CONFIG, useSim } from './simStore.ts';

/**
 * How the page opens: its URL parameters (docs/EMBED.md), a permalink in the fragment
 * (`#run=…`, src/store/permalink.ts), or the default playground. Whatever is wrong in the
 * URL is reported as a notice and replaced by its default; the page always opens.
 */

export interface BootPlan {
  readonly settings: UrlSettings;
  readonly start: StartOptions;
}

let plan: BootPlan | null = null;

/** The page's plan, read from its URL once (later calls return the same plan). */
export function bootPlan(): BootPlan {
  if (plan === null) plan = makePlan(location.search, location.hash);
  return plan;
}

function makePlan(search: string, hash: string): BootPlan {
  const { settings, problems } = parseUrlParams(
    search,
    BUILTIN_SCENARIOS.map((entry) => entry.id),
  );
  addNotices(problems.map((problem) => ({ kind: 'param', problem })));
  // The theme of an embed is the host's choice for this page, not the visitor's saved one.
  if (settings.theme !== null) useSim.setState({ theme: settings.theme });
  const link = runValueOf(hash);
  const guided = settings.scenarioId !== null && link === null;
  return {
    settings,
    start: {
      runtime: settings.runtime ?? 'workers',
      config: {
        seed: settings.seed ?? DEFAULT_CONFIG.seed,
        nodeCount: settings.nodes ?? DEFAULT_CONFIG.nodeCount,
      },
      // A link opens paused at its moment, unless the URL asks otherwise.
      autoplay: settings.autoplay ?? link === null,
      starter: settings.starter ?? true,
      speed: settings.speed ?? (guided ? PLAYER_SPEED : 1),
      initial: () => initialRun(settings, link),
    },
  };
}

async function initialRun(settings: UrlSettings, link: string | null): Promise<InitialRun | null> {
  if (link !== null) {
    const read = await decodeRun(link);
    if (read.ok) {
      const overridden: Notice[] = (['scenario', 'seed', 'nodes'] as const)
        .filter((param) => new URLSearchParams(location.search).has(param))
        .map((param) => ({
          kind: 'param',
          problem: {
            param,
            got: new URLSearchParams(location.search).get(param) ?? '',
            fallback: null,
            ignoredBecause: 'link',
          },
        }));
      addNotices(overridden);
      const { scenario, atMs, guided } = read.run;
      return guided ? { kind: 'guided', scenario, id: guided.id, atMs } : { kind: 'replay', scenario, atMs };
    }
    addNotices([linkNotice(read, 'default')]);
    // The bad fragment goes, so copying the address does not pass it on.
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  if (settings.scenarioId !== null) {
    const builtin = builtinScenario(settings.scenarioId);
    if (builtin) {
      const scenario =
        settings.seed === null ? builtin.scenario : { ...builtin.scenario, seed: settings.seed };
      return { kind: 'guided', scenario, id: builtin.id };
    }
  }
  return null;
}

function linkNotice(read: PermalinkRead & { ok: false }, outcome: 'default' | 'unchanged'): Notice {
  return {
    kind: 'permalink',
    problem: read.problem,
    ...(read.version === undefined ? {} : { version: read.version }),
    errors: read.errors,
    outcome,
  };
}

// ---------------------------------------------------------------------------------------
// Permalinks while the page runs.

/** What `openPermalink` did. */
export type OpenOutcome =
  | { readonly ok: true; readonly nowMs: number }
  | {
      readonly ok: false;
      /** What was wrong: see PermalinkProblem (`none`: the text holds no `#run=`). */
      readonly problem: Exclude<PermalinkRead, { ok: true }>['problem'] | 'none';
      /** The validator's lines, for `invalid`. */
      readonly errors: readonly string[];
    };

/**
 * Opens a permalink in this page: the link's run replaces the current one, paused at the
 * link's moment. A link that cannot be read leaves the current run as it is and says why
 * in the page.
 */
export async function openPermalink(url: string): Promise<OpenOutcome> {
  const value = runValueOf(url);
  if (value === null) return { ok: false, problem: 'none', errors: [] };
  const read = await decodeRun(value);
  if (!read.ok) {
    clearPermalinkNotices();
    addNotices([linkNotice(read, 'unchanged')]);
    return { ok: false, problem: read.problem, errors: read.errors };
  }
  clearPermalinkNotices();
  useSim.setState({ playing: false });
  const { scenario, atMs, guided } = read.run;
  const frame = guided
    ? await startScenario(scenario, guided.id).then(() => runUntil(atMs))
    : await replayScenario(scenario, atMs);
  return { ok: true, nowMs: frame.nowMs };
}

/** The run as a link carries it: with its guided scenario while nobody has taken it over. */
export async function shareableRun(): Promise<RunRecording> {
  const run = await recording();
  const guided = guidedFor(usePlayer.getState().guided, useSim.getState().frame);
  return guided !== null && guided.takenOver === null
    ? { ...run, guided: { id: guided.id, scenario: guided.scenario } }
    : run;
}

/** The permalink of the run as it stands: the full playground, replayed to now. */
export async function currentPermalink(): Promise<string> {
  return permalinkFor(await shareableRun(), location.href);
}

/**
 * A `#run=` pasted into the address bar of an open page changes only the fragment: the
 * page opens it without a reload. Returns the uninstaller.
 */
export function watchPermalinkFragment(): () => void {
  const onHashChange = () => {
    if (runValueOf(location.hash) !== null) void openPermalink(location.href);
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}
