import { armOwnedBeatChecks } from './beatSchedule.ts';
import type { FailureReason, MemberState } from './io.ts';
import { computeHealthyList } from './mapper.ts';
import type { Address } from './model.ts';
import { type Step, sendRequest, setTimer, trace } from './stepContext.ts';

export const PROBE_TIMER = 'memberProbe';

/**
 * The member report task: one peer per run, round robin over the sorted peers, the next
 * run one interval after this one (ServerMemberManager.MemberInfoReportTask).
 */
export function runProbe(step: Step): void {
  const state = step.state;
  setTimer(step, PROBE_TIMER, step.nowMs + state.config.memberProbeIntervalMs);
  if (state.peers.length === 0) return;
  state.probeCursor = (state.probeCursor + 1) % state.peers.length;
  const target = state.peers[state.probeCursor]!;
  sendRequest(step, target, { type: 'MEMBER_REPORT' }, state.config.memberProbeTimeoutMs, {
    kind: 'probe',
    target,
  });
}

/** MemberUtil.onSuccess, also called when a report from the peer arrives: UP, count reset. */
export function memberSucceeded(step: Step, address: Address): void {
  const member = step.state.members[address];
  if (!member) return;
  member.failCount = 0;
  changeState(step, address, 'UP');
}

/**
 * MemberUtil.onFail: SUSPICIOUS and one more failure; DOWN once the count passes the limit
 * (the 4th failure with the default 3) or at once when the connection was refused.
 */
export function memberFailed(step: Step, address: Address, reason: FailureReason): void {
  const member = step.state.members[address];
  if (!member) return;
  member.failCount += 1;
  const down = member.failCount > step.state.config.memberFailAccessCount || reason === 'refused';
  changeState(step, address, down ? 'DOWN' : 'SUSPICIOUS');
}

function changeState(step: Step, address: Address, next: MemberState): void {
  const state = step.state;
  const member = state.members[address]!;
  const previous = member.state;
  if (previous === next) return;
  member.state = next;
  trace(step, { type: 'member', observer: state.self, subject: address, from: previous, to: next });
  // A MembersChangeEvent makes DistroMapper rebuild its list; UP↔SUSPICIOUS leaves it as it was.
  state.healthyList = computeHealthyList(state);
  armOwnedBeatChecks(step);
}

/** cluster.conf changed: new members start UP (HEAD behaviour), removed ones are forgotten. */
export function replaceMembers(step: Step, allMembers: readonly Address[]): void {
  const state = step.state;
  const peers = allMembers.filter((address) => address !== state.self).sort();
  const members: typeof state.members = {};
  for (const peer of peers) members[peer] = state.members[peer] ?? { state: 'UP', failCount: 0 };
  state.members = members;
  state.peers = peers;
  state.probeCursor = Math.min(state.probeCursor, peers.length - 1);
  state.healthyList = computeHealthyList(state);
  armOwnedBeatChecks(step);
}
