import { beatCheckTimer } from './beatSchedule.ts';
import { isResponsibleForHash } from './mapper.ts';
import { PRESERVED_BEAT_TIMEOUT, PRESERVED_DELETE_TIMEOUT, preservedMs } from './model.ts';
import { type Step, sendRequest, setTimer } from './stepContext.ts';
import { setHealthy } from './store.ts';

/**
 * ClientBeatCheckTask, one per service every interval. Only the owner acts: past the
 * heartbeat timeout an instance turns unhealthy (not replicated; the status channel carries
 * it), past the delete timeout the node sends DELETE /instance to itself, which goes
 * through DistroFilter and the replicated deregister path.
 */
export function runBeatCheck(step: Step, key: string): void {
  const state = step.state;
  const service = state.services.get(key);
  if (!service) return;
  if (!isResponsibleForHash(state, service.tagHash)) {
    service.beatCheckArmed = false; // armed again if this node becomes the owner
    return;
  }
  setTimer(step, beatCheckTimer(key), step.nowMs + state.config.beatCheckIntervalMs);
  for (const instance of service.instances.values()) {
    if (instance.marked) continue;
    const silentMs = step.nowMs - instance.lastBeatMs;
    const unhealthyAfterMs = preservedMs(instance, PRESERVED_BEAT_TIMEOUT, state.config.heartbeatTimeoutMs);
    const deleteAfterMs = preservedMs(instance, PRESERVED_DELETE_TIMEOUT, state.config.ipDeleteTimeoutMs);
    if (silentMs > unhealthyAfterMs) setHealthy(step, service, instance, false);
    if (state.config.expireInstance && silentMs > deleteAfterMs) {
      const ref = {
        namespace: service.namespace,
        groupedName: service.groupedName,
        ip: instance.ip,
        port: instance.port,
        clusterName: instance.clusterName,
      };
      // naming's HttpClient sends the Nacos-Server User-Agent, so a second hop is refused.
      sendRequest(step, state.self, { type: 'DEREGISTER', ref, viaPeer: true }, state.config.proxyTimeoutMs, {
        kind: 'ignore',
      });
    }
  }
}
