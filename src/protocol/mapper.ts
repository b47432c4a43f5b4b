import { distroHash } from './javaHash.ts';
import type { Address } from './model.ts';
import type { NodeState } from './state.ts';

/** DistroMapper.onEvent: the sorted addresses of UP and SUSPICIOUS members, self included. */
export function computeHealthyList(state: NodeState): Address[] {
  const list = [state.self];
  for (const address of state.peers) {
    const member = state.members[address];
    if (member && member.state !== 'DOWN') list.push(address);
  }
  // Java's String.compareTo orders by UTF-16 code unit, as JS sort does: "10.0.0.10" < "10.0.0.2".
  return list.sort();
}

/** The owner of a tag in a given healthy list. */
export function ownerIn(tag: string, healthyList: readonly Address[]): Address | undefined {
  if (healthyList.length === 0) return undefined;
  return healthyList[distroHash(tag) % healthyList.length];
}

/** DistroMapper.responsible, as this node sees the cluster. */
export function isResponsible(state: NodeState, tag: string): boolean {
  return isResponsibleForHash(state, distroHash(tag));
}

/** `isResponsible` for a tag whose distroHash is known (services keep theirs). */
export function isResponsibleForHash(state: NodeState, tagHash: number): boolean {
  const list = state.healthyList;
  if (list.length === 0) return false;
  const index = selfIndex(list, state.self);
  if (index < 0) return true;
  return tagHash % list.length === index;
}

/** Every list belongs to one node and is replaced, never edited, so its self index is memoised. */
const selfIndexes = new WeakMap<readonly Address[], number>();

function selfIndex(list: readonly Address[], self: Address): number {
  let index = selfIndexes.get(list);
  if (index === undefined) {
    index = list.indexOf(self);
    selfIndexes.set(list, index);
  }
  return index;
}

/** DistroMapper.mapSrv: where this node sends writes for a tag. */
export function mapServer(state: NodeState, tag: string): Address {
  return mapServerForHash(state, distroHash(tag));
}

export function mapServerForHash(state: NodeState, tagHash: number): Address {
  const list = state.healthyList;
  return list.length === 0 ? state.self : list[tagHash % list.length]!;
}
