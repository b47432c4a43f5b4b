import type { Datum } from './model.ts';
import type { DelayTask } from './state.ts';
import { note, type Step, sendRequest, setTimer } from './stepContext.ts';
import { datumOf } from './store.ts';

export const DELAY_TICK_TIMER = 'delayEngine';

/**
 * DistroProtocol.sync(key, CHANGE, syncDelay): one delayed task per (key, target) for every
 * other member, whatever its state.
 */
export function syncToAll(step: Step, key: string): void {
  for (const target of step.state.peers) addKeyTask(step, key, target, step.state.config.syncDelayMs);
}

function addKeyTask(step: Step, key: string, target: string, intervalMs: number): void {
  addTask(step, `key|${key}|${target}`, {
    stage: 'key',
    target,
    keys: [key],
    lastProcessMs: step.nowMs,
    intervalMs,
  });
}

/**
 * NacosDelayTaskExecuteEngine.addTask with DistroDelayTask.merge: a task for the same
 * key replaces the old one but keeps its lastProcessTime, so merging never postpones a
 * push; a batch task also keeps the keys the old one had collected.
 */
function addTask(step: Step, taskKey: string, task: DelayTask): void {
  const tasks = step.state.delayTasks;
  const old = tasks.get(taskKey);
  if (old) {
    task.lastProcessMs = old.lastProcessMs;
    if (task.stage === 'batch') task.keys = [...new Set([...old.keys, ...task.keys])];
  }
  tasks.set(taskKey, task);
  wakeEngineFor(step, task.lastProcessMs + task.intervalMs);
}

/**
 * The engine scans every tick from the node's start (fixed delay); we only wake it for the
 * first tick at which some task is due, which gives the same times as scanning every tick.
 */
function wakeEngineFor(step: Step, dueMs: number): void {
  const state = step.state;
  const tickMs = state.config.delayEngineTickMs;
  const sinceStartMs = step.nowMs - state.startedAtMs;
  const firstTickAfterNow = state.startedAtMs + (Math.floor(sinceStartMs / tickMs) + 1) * tickMs;
  const dueTickMs = state.startedAtMs + Math.ceil((dueMs - state.startedAtMs) / tickMs) * tickMs;
  const atMs = Math.max(firstTickAfterNow, dueTickMs);
  if (state.delayTickAtMs !== null && state.delayTickAtMs <= atMs) return;
  state.delayTickAtMs = atMs;
  setTimer(step, DELAY_TICK_TIMER, atMs);
}

/** One scan: every task whose interval has passed is removed and processed. */
export function runDelayTick(step: Step): void {
  const state = step.state;
  state.delayTickAtMs = null;
  // A snapshot of the keys: tasks added while processing wait for the next scan, as in Nacos.
  for (const [taskKey, task] of [...state.delayTasks]) {
    if (step.nowMs - task.lastProcessMs < task.intervalMs) continue;
    state.delayTasks.delete(taskKey);
    if (task.stage === 'key') addToBatch(step, task);
    else sendBatch(step, task);
  }
  let dueMs = Number.POSITIVE_INFINITY;
  for (const task of state.delayTasks.values()) dueMs = Math.min(dueMs, task.lastProcessMs + task.intervalMs);
  if (dueMs !== Number.POSITIVE_INFINITY) wakeEngineFor(step, dueMs);
}

/**
 * The 1.x second stage (DistroHttpCombinedKeyDelayTask): keys for one target gather for
 * another batch delay; a full batch goes out at the next scan under a new sequence.
 */
function addToBatch(step: Step, task: DelayTask): void {
  const state = step.state;
  const taskKey = `batch|${state.batchSeq}|${task.target}`;
  const batch: DelayTask = {
    stage: 'batch',
    target: task.target,
    keys: [...task.keys],
    lastProcessMs: step.nowMs,
    intervalMs: state.config.syncBatchDelayMs,
  };
  addTask(step, taskKey, batch);
  const merged = state.delayTasks.get(taskKey)!;
  if (merged.keys.length >= state.config.syncBatchKeyCount) {
    state.batchSeq += 1;
    merged.lastProcessMs = 0;
    wakeEngineFor(step, 0);
  }
}

/** DistroSyncChangeTask: reads the Datums now, not when the change happened. */
function sendBatch(step: Step, task: DelayTask): void {
  const state = step.state;
  if (!(task.target in state.members)) return; // no longer a member: counts as done
  const datums: Datum[] = [];
  for (const key of task.keys) {
    const service = state.services.get(key);
    if (service?.hasDatum) datums.push(datumOf(service));
  }
  if (datums.length === 0) return; // "null data to sync, skip"
  sendRequest(step, task.target, { type: 'SYNC_DATUM', datums }, state.config.syncTimeoutMs, {
    kind: 'sync',
    target: task.target,
    keys: datums.map((datum) => datum.key),
  });
}

/** A failed push is queued again key by key with the retry delay, for as long as it takes. */
export function syncFailed(step: Step, target: string, keys: readonly string[], why: string): void {
  note(
    step,
    'syncFailed',
    `sync of ${keys.length} key(s) to ${target} failed (${why}); retry in ${step.state.config.syncRetryDelayMs} ms`,
  );
  for (const key of keys) addKeyTask(step, key, target, step.state.config.syncRetryDelayMs);
}
