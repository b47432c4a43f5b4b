import type { Datum } from './model.ts';
import { note, type Step, sendRequest, setTimer } from './stepContext.ts';
import { applyRemoteDatum, datumOf } from './store.ts';

export const LOAD_RETRY_TIMER = 'loadRetry';

/**
 * DistroLoadDataTask: ask the other members in sorted order, in any state, for the whole
 * store; the first answer wins. When every one failed, try again after the retry delay.
 */
export function startLoad(step: Step): void {
  // A cluster of one has nobody to ask and behaves as standalone: initialized at once.
  if (step.state.peers.length === 0) step.state.initialized = true;
  step.state.loadCursor = 0;
  askNextMember(step);
}

function askNextMember(step: Step): void {
  const state = step.state;
  const target = state.peers[state.loadCursor];
  if (target === undefined) {
    if (state.peers.length > 0) {
      note(
        step,
        'loadFailed',
        `no member answered the snapshot request; retry in ${state.config.loadRetryDelayMs} ms`,
      );
      setTimer(step, LOAD_RETRY_TIMER, step.nowMs + state.config.loadRetryDelayMs);
    }
    return;
  }
  sendRequest(step, target, { type: 'SNAPSHOT_QUERY' }, state.config.loadTimeoutMs, { kind: 'load', target });
}

/** processSnapshot: every Datum is put; the node is initialized. */
export function loadSucceeded(step: Step, target: string, datums: readonly Datum[]): void {
  for (const datum of datums) applyRemoteDatum(step, datum);
  step.state.initialized = true;
  note(step, 'loadSucceeded', `loaded ${datums.length} key(s) from ${target}`);
}

export function loadAttemptFailed(step: Step): void {
  step.state.loadCursor += 1;
  askNextMember(step);
}

/** GET /distro/datums: every Datum this node holds, owned or not. */
export function snapshotOf(step: Step): Datum[] {
  return [...step.state.services.values()].filter((service) => service.hasDatum).map(datumOf);
}
