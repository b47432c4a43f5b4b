import { isResponsibleForHash } from './mapper.ts';
import type { ServiceState } from './state.ts';
import { type Step, setTimer } from './stepContext.ts';

/** The timer of one service's beat check (one ClientBeatCheckTask per service). */
export function beatCheckTimer(key: string): string {
  return `beatCheck:${key}`;
}

/**
 * Nacos runs every service's beat check on every node every interval, and a non-owner's
 * check returns at once. Running those no-op checks would be most of a large cluster's
 * events, so only an owner keeps the timer armed; a node that becomes owner arms it at the
 * service's next check time (creation time plus whole intervals), which is when the
 * always-running task would next have looked.
 */
export function armBeatCheckIfOwner(step: Step, service: ServiceState): void {
  if (service.beatCheckArmed || !isResponsibleForHash(step.state, service.tagHash)) return;
  const intervalMs = step.state.config.beatCheckIntervalMs;
  const periods = Math.max(1, Math.ceil((step.nowMs - service.createdAtMs) / intervalMs));
  service.beatCheckArmed = true;
  setTimer(step, beatCheckTimer(service.key), service.createdAtMs + periods * intervalMs);
}

/** After the healthy list changed: arm the checks of the services this node now owns. */
export function armOwnedBeatChecks(step: Step): void {
  for (const service of step.state.services.values()) armBeatCheckIfOwner(step, service);
}
