import type { Address } from '../protocol/model.ts';
import type { InstanceChange, MemberState, NodeStatus, NodeView, TraceRecord, WorldEvent } from './types.ts';

type Members = NodeView['members'];
type NodeRecord = Extract<WorldEvent, { type: 'node' }>;

/**
 * Every node's view rebuilt from the trace alone. Expectations are judged on this rather
 * than on the nodes' live state, so a verdict is exact to the millisecond and the same
 * whether the nodes ran in workers or in one process.
 *
 * Views handed out are never changed: a record that touches one replaces it with an updated
 * copy, so an array returned by views() stays valid however many records follow. Between two
 * hand-outs the model changes its own copies in place (copy on write), so a burst of
 * thousands of instance records costs one copy of a node's data, not one per record.
 *
 * A view's `members` holds the other nodes only, as NodeState does; failCount stays 0
 * because the trace records state changes, not probe counts.
 */
export class ViewModel {
  private readonly nodes = new Map<Address, NodeView>();
  /** Views, instance maps and host maps made since the last hand-out: only this model holds them. */
  private owned = new WeakSet<object>();

  apply(record: TraceRecord): void {
    switch (record.type) {
      case 'node':
        this.applyNode(record);
        return;
      case 'member':
        this.update(record.observer, (view) => withMemberState(view, record.subject, record.to));
        return;
      case 'instance':
        this.changeInstance(record.observer, record.service, record.instance, record.change);
        return;
      case 'note':
        if (record.code === 'loadSucceeded')
          this.update(record.observer, (view) => ({ ...view, initialized: true }));
        return;
      case 'step':
        return;
    }
  }

  /** One node's view, or undefined before its first record. */
  view(address: Address): NodeView | undefined {
    this.owned = new WeakSet();
    return this.nodes.get(address);
  }

  /** Every node seen so far, in the order each first appeared in the trace. */
  views(): NodeView[] {
    this.owned = new WeakSet();
    return [...this.nodes.values()];
  }

  private changeInstance(address: Address, service: string, instance: string, change: InstanceChange): void {
    let view = this.nodes.get(address) ?? freshView(address, []);
    if (!this.owned.has(view)) {
      view = { ...view, instances: { ...view.instances } };
      this.owned.add(view);
      this.owned.add(view.instances);
      this.nodes.set(address, view);
    }
    const instances = view.instances as Record<string, Record<string, boolean>>;
    let hosts = instances[service];
    if (hosts === undefined || !this.owned.has(hosts)) {
      hosts = { ...hosts };
      this.owned.add(hosts);
      instances[service] = hosts;
    }
    if (change === 'removed') delete hosts[instance];
    else hosts[instance] = change !== 'unhealthy';
    // The trace cannot tell an empty Service from none; the checkers treat both as absent.
    if (Object.keys(hosts).length === 0) delete instances[service];
  }

  private update(address: Address, change: (view: NodeView) => NodeView): void {
    this.nodes.set(address, change(this.nodes.get(address) ?? freshView(address, [])));
  }

  private applyNode(record: NodeRecord): void {
    const address = record.observer;
    switch (record.status) {
      case 'started': {
        // A fresh process: cluster.conf from the record, or the member list it had before.
        const previous = this.nodes.get(address);
        this.nodes.set(address, freshView(address, record.members ?? Object.keys(previous?.members ?? {})));
        return;
      }
      case 'killed':
      case 'crashed': {
        // The process and its memory are gone; what peers think of it is their own record.
        const status = record.status;
        this.update(address, (view) => ({ ...view, status, instances: {}, initialized: false }));
        return;
      }
      case 'running':
      case 'paused': {
        const status = record.status;
        this.update(address, (view) => withStatus(view, status, record.members));
        return;
      }
    }
  }
}

/** A node as it boots: every other member UP (HEAD behaviour), no data, not yet loaded. */
function freshView(self: Address, allMembers: readonly Address[]): NodeView {
  const members: Record<Address, { state: MemberState; failCount: number }> = {};
  for (const address of allMembers) if (address !== self) members[address] = { state: 'UP', failCount: 0 };
  return {
    address: self,
    status: 'running',
    members,
    healthyList: healthyList(self, members),
    instances: {},
    initialized: false,
  };
}

/** A status change; `members`, when present, is a new cluster.conf (after addNode). */
function withStatus(
  view: NodeView,
  status: NodeStatus,
  allMembers: readonly Address[] | undefined,
): NodeView {
  if (allMembers === undefined) return { ...view, status };
  const members: Record<Address, { state: MemberState; failCount: number }> = {};
  for (const address of allMembers) {
    // Known members keep their state, new ones start UP, removed ones are forgotten (replaceMembers).
    if (address !== view.address) members[address] = view.members[address] ?? { state: 'UP', failCount: 0 };
  }
  return { ...view, status, members, healthyList: healthyList(view.address, members) };
}

function withMemberState(view: NodeView, subject: Address, state: MemberState): NodeView {
  const members = { ...view.members, [subject]: { state, failCount: 0 } };
  return { ...view, members, healthyList: healthyList(view.address, members) };
}

/**
 * DistroMapper's list: the sorted addresses of UP and SUSPICIOUS members, self included.
 * JS sort compares UTF-16 code units like Java's String.compareTo: "10.0.0.10" < "10.0.0.2".
 */
function healthyList(self: Address, members: Members): Address[] {
  const list = [self];
  for (const [address, member] of Object.entries(members)) {
    if (member.state !== 'DOWN' && address !== self) list.push(address);
  }
  return list.sort();
}
