import { runBeatCheck } from './beatCheck.ts';
import type { DistroConfig } from './config.ts';
import { proxyFailed, receiveWrite, refusedDuringWarmup, relayProxyAnswer } from './filter.ts';
import {
  applyStatuses,
  receiveServiceStatus,
  runServiceStatusReport,
  SERVICE_STATUS_TIMER,
  statusesOf,
} from './healthStatus.ts';
import type { Effect, FailureReason, NodeInput, StepContext } from './io.ts';
import { LOAD_RETRY_TIMER, loadAttemptFailed, loadSucceeded, snapshotOf, startLoad } from './load.ts';
import { memberFailed, memberSucceeded, PROBE_TIMER, replaceMembers, runProbe } from './members.ts';
import type { Envelope, WireMessage } from './messages.ts';
import type { Address } from './model.ts';
import { listInstances, listServices } from './reads.ts';
import { createNodeState, type NodeState, type PendingRequest } from './state.ts';
import { reply, replyHttp, type Step, setTimer } from './stepContext.ts';
import { applyRemoteDatum } from './store.ts';
import { DELAY_TICK_TIMER, runDelayTick, syncFailed } from './syncEngine.ts';
import { datumsFor, pullFinished, receiveChecksums, runVerify, VERIFY_TIMER } from './verify.ts';

/** A fresh process: empty store, every member UP, nothing scheduled until `start`. */
export function createNode(
  self: Address,
  members: readonly Address[],
  config: DistroConfig,
  nowMs: number,
): NodeState {
  return createNodeState(self, members, config, nowMs);
}

/**
 * The Distro node as a step function: one input in, the effects it asks for out. Time
 * comes only from `ctx`. The state is updated in place (copying a store of thousands of
 * instances on every event would dominate the run); take a structuredClone for a checkpoint.
 */
export function step(state: NodeState, input: NodeInput, ctx: StepContext): Effect[] {
  const s: Step = { state, nowMs: ctx.nowMs, effects: [] };
  switch (input.type) {
    case 'start':
      boot(s);
      break;
    case 'timer':
      onTimer(s, input.key);
      break;
    case 'deliver':
      onDeliver(s, input.envelope);
      break;
    case 'requestFailed':
      onRequestFailed(s, input.requestId, input.reason);
      break;
    case 'membersChanged':
      replaceMembers(s, input.members);
      break;
  }
  return s.effects;
}

/** What a node schedules when its process starts (reference §3, §6.4.2, §6.4.3, §8). */
function boot(s: Step): void {
  const config = s.state.config;
  setTimer(s, PROBE_TIMER, s.nowMs + config.memberProbeInitialDelayMs);
  setTimer(s, VERIFY_TIMER, s.nowMs + config.verifyIntervalMs);
  setTimer(s, SERVICE_STATUS_TIMER, s.nowMs + config.serviceStatusInitialDelayMs);
  startLoad(s);
}

function onTimer(s: Step, key: string): void {
  if (key === PROBE_TIMER) runProbe(s);
  else if (key === VERIFY_TIMER) runVerify(s);
  else if (key === DELAY_TICK_TIMER) runDelayTick(s);
  else if (key === SERVICE_STATUS_TIMER) runServiceStatusReport(s);
  else if (key === LOAD_RETRY_TIMER) startLoad(s);
  else if (key.startsWith('beatCheck:')) runBeatCheck(s, key.slice('beatCheck:'.length));
}

function onDeliver(s: Step, envelope: Envelope): void {
  if (envelope.replyTo !== undefined) {
    const pending = s.state.pending.get(envelope.replyTo);
    if (!pending) return; // the caller already gave up on it
    s.state.pending.delete(envelope.replyTo);
    onAnswer(s, pending, envelope.body);
    return;
  }
  onRequest(s, envelope);
}

function onRequest(s: Step, request: Envelope): void {
  const body = request.body;
  switch (body.type) {
    case 'REGISTER':
    case 'DEREGISTER':
    case 'BEAT':
      receiveWrite(s, request, body);
      return;
    case 'LIST_INSTANCES':
      if (refusedDuringWarmup(s, request, false)) return;
      replyHttp(
        s,
        request,
        200,
        listInstances(s.state, body.namespace, body.groupedName, body.healthyOnly, s.nowMs),
      );
      return;
    case 'LIST_SERVICES':
      if (refusedDuringWarmup(s, request, false)) return;
      replyHttp(
        s,
        request,
        200,
        listServices(s.state, body.namespace, body.groupName, body.pageNo, body.pageSize),
      );
      return;
    case 'MEMBER_REPORT':
      // A report received proves the sender is alive: UP in our view, whatever our probes say.
      memberSucceeded(s, request.from);
      replyHttp(s, request, 200, 'ok');
      return;
    case 'SYNC_DATUM':
      if (body.datums.length === 0) {
        replyHttp(s, request, 400, 'receive empty datum map');
        return;
      }
      for (const datum of body.datums) applyRemoteDatum(s, datum);
      replyHttp(s, request, 200, 'ok');
      return;
    case 'CHECKSUM':
      receiveChecksums(s, request.from, body.checksums);
      return;
    case 'DATUM_QUERY':
      reply(s, request, { type: 'DATUMS', datums: datumsFor(s, body.keys) });
      return;
    case 'SNAPSHOT_QUERY':
      reply(s, request, { type: 'DATUMS', datums: snapshotOf(s) });
      return;
    case 'SERVICE_STATUS':
      receiveServiceStatus(s, request.from, body.checksums);
      return;
    case 'STATUSES_QUERY':
      reply(s, request, { type: 'STATUSES', ips: statusesOf(s, body.key) });
      return;
    case 'HTTP_RESPONSE':
    case 'DATUMS':
    case 'STATUSES':
      return; // answers without a request to pair with
  }
}

function onAnswer(s: Step, pending: PendingRequest, body: WireMessage): void {
  const status = body.type === 'HTTP_RESPONSE' ? body.status : 0;
  switch (pending.kind) {
    case 'probe':
      // 1.x ignores 404/501 from a member: "version too low", neither success nor failure.
      if (status === 404 || status === 501) return;
      if (status === 200) memberSucceeded(s, pending.target);
      else memberFailed(s, pending.target, 'timeout');
      return;
    case 'proxy':
      relayProxyAnswer(s, pending, body);
      return;
    case 'sync':
      // NamingProxy.syncData counts 200 and 304 as delivered; anything else is retried.
      if (status !== 200 && status !== 304) {
        syncFailed(s, pending.target, pending.keys, status ? `HTTP ${status}` : body.type);
      }
      return;
    case 'pull':
      pullFinished(s, pending.source, body.type === 'DATUMS' ? body.datums : []);
      return;
    case 'load':
      body.type === 'DATUMS' ? loadSucceeded(s, pending.target, body.datums) : loadAttemptFailed(s);
      return;
    case 'statuses':
      if (body.type === 'STATUSES') applyStatuses(s, pending.key, body.ips);
      return;
    case 'ignore':
      return;
  }
}

function onRequestFailed(s: Step, requestId: string, reason: FailureReason): void {
  const pending = s.state.pending.get(requestId);
  if (!pending) return;
  s.state.pending.delete(requestId);
  switch (pending.kind) {
    case 'probe':
      memberFailed(s, pending.target, reason);
      return;
    case 'proxy':
      proxyFailed(s, pending, reason);
      return;
    case 'sync':
      syncFailed(s, pending.target, pending.keys, reason);
      return;
    case 'pull':
      pullFinished(s, pending.source, []);
      return;
    case 'load':
      loadAttemptFailed(s);
      return;
    case 'statuses':
    case 'ignore':
      return;
  }
}
