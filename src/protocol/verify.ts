import { distroHash } from './javaHash.ts';
import { isResponsibleForHash } from './mapper.ts';
import { emptyDigest } from './messages.ts';
import { type Datum, serviceNameOfKey } from './model.ts';
import { servicesOwnedBy } from './ownerIndex.ts';
import { note, type Step, sendOneWay, sendRequest, setTimer } from './stepContext.ts';
import { applyRemoteDatum, checksumOf, datumOf, removeDatum } from './store.ts';

export const VERIFY_TIMER = 'verify';

/**
 * DistroVerifyTask (1.x): every interval, the checksums of the keys this node owns go to
 * every other member in any state, fire and forget.
 */
export function runVerify(step: Step): void {
  const state = step.state;
  setTimer(step, VERIFY_TIMER, step.nowMs + state.config.verifyIntervalMs);
  const checksums = emptyDigest();
  let count = 0;
  for (const service of state.services.values()) {
    if (!service.hasDatum || !isResponsibleForHash(state, service.tagHash)) continue;
    checksums[service.key] = checksumOf(service);
    count += 1;
  }
  if (count === 0) return;
  for (const peer of state.peers) sendOneWay(step, peer, { type: 'CHECKSUM', checksums });
}

/**
 * onReceiveChecksums: drop the digest while one from the same source is in process; ignore
 * all of it if this node owns any key in it; remove keys the source owns but did not list;
 * pull the keys that differ.
 */
export function receiveChecksums(
  step: Step,
  source: string,
  checksums: Readonly<Record<string, string>>,
): void {
  const state = step.state;
  if (state.checksumInProcess.has(source)) {
    note(step, 'digestDropped', `sync checksum task already in process with ${source}`);
    return;
  }
  const toUpdate: string[] = [];
  for (const key in checksums) {
    const checksum = checksums[key]!;
    const service = state.services.get(key);
    const tagHash = service?.tagHash ?? distroHash(serviceNameOfKey(key));
    if (isResponsibleForHash(state, tagHash)) {
      note(step, 'digestIgnored', `receive responsible key ${serviceNameOfKey(key)} from ${source}`);
      return;
    }
    if (!service?.hasDatum || checksumOf(service) !== checksum) toUpdate.push(key);
  }
  for (const service of servicesOwnedBy(state, source)) {
    if (!service.hasDatum || service.key in checksums) continue;
    note(step, 'staleKeyRemoved', `${service.groupedName} is owned by ${source} but missing from its digest`);
    removeDatum(step, service);
  }
  if (toUpdate.length === 0) return;
  // The pull is synchronous in Nacos: the source stays "in process" until it answers.
  state.checksumInProcess.add(source);
  sendRequest(step, source, { type: 'DATUM_QUERY', keys: toUpdate }, state.config.verifyPullTimeoutMs, {
    kind: 'pull',
    source,
  });
}

/** The pull's answer (processData), or its failure: either way the source is free again. */
export function pullFinished(step: Step, source: string, datums: readonly Datum[]): void {
  step.state.checksumInProcess.delete(source);
  for (const datum of datums) applyRemoteDatum(step, datum);
}

/** The owner's side of a pull: the Datums it holds for the asked keys. */
export function datumsFor(step: Step, keys: readonly string[]): Datum[] {
  const found: Datum[] = [];
  for (const key of keys) {
    const service = step.state.services.get(key);
    if (service?.hasDatum) found.push(datumOf(service));
  }
  return found;
}
