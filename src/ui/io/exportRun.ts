import type { Frame } from '../../sim/frame.ts';
import { type RunRecording, recordingToScenario } from '../../store/permalink.ts';
import { guidedFor, usePlayer } from '../../store/scenarioPlayer.ts';
import { recording, traceDigest } from '../../store/simController.ts';
import { useSim } from '../../store/simStore.ts';
import { seconds } from '../time/format.ts';

/**
 * What the Files dialog saves. A scenario file is the run so far as a scenario (the
 * recording *is* one): `npm run sim` runs it and opening it here replays the same trace. A
 * trace file adds what the run did: every node's state now, the trace digest, and the
 * latest message-log lines and trace records the page holds.
 */

/** The format tag of a trace file, and its version. */
export const TRACE_FORMAT = 'distro-playground-trace';
export const TRACE_VERSION = 1;

export interface SavedFile {
  readonly fileName: string;
  readonly text: string;
}

function stamp(run: RunRecording): string {
  return `seed${run.config.seed}-${seconds(run.nowMs).replace('.', '_')}s`;
}

/** The scenario's name: the guided scenario's, or the playground's, with the time it ends. */
function scenarioName(run: RunRecording, frame: Frame | null): string {
  const guided = guidedFor(usePlayer.getState().guided, frame);
  const until = `to ${seconds(run.nowMs)} s`;
  if (guided !== null) return `${guided.scenario.name} (replayed ${until})`;
  return `Playground run: seed ${run.config.seed}, ${run.config.nodeCount} nodes, ${until}`;
}

export function scenarioText(run: RunRecording, frame: Frame | null): string {
  return `${JSON.stringify(recordingToScenario(run, scenarioName(run, frame)), null, 2)}\n`;
}

/** The run so far as a scenario file. */
export async function scenarioFile(): Promise<SavedFile> {
  const run = await recording();
  return { fileName: `distro-run-${stamp(run)}.json`, text: scenarioText(run, useSim.getState().frame) };
}

/** The trace file: the recording, the state now, the digest, the latest messages and records. */
export async function traceFile(): Promise<SavedFile> {
  const [run, digest] = await Promise.all([recording(), traceDigest()]);
  const state = useSim.getState();
  const frame = state.frame;
  const trace = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    digest,
    nowMs: run.nowMs,
    runtime: state.runtime,
    scenario: recordingToScenario(run, scenarioName(run, frame)),
    recording: run,
    state:
      frame === null
        ? null
        : {
            converged: frame.convergence.converged,
            problems: frame.convergence.problems,
            lastConvergeMs: frame.convergence.lastConvergeMs,
            nodes: frame.nodes,
            clients: frame.clients,
            network: frame.network,
            truth: frame.truth,
          },
    // The page keeps the latest lines only (LOG_CAPACITY, EVENT_CAPACITY).
    messages: state.log,
    events: state.events,
  };
  return { fileName: `distro-trace-${stamp(run)}.json`, text: `${JSON.stringify(trace, null, 2)}\n` };
}
