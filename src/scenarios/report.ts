import type { Address } from '../protocol/model.ts';
import type { MemberState, MessageCounts, NodeStatus, NodeView, TraceRecord } from '../sim/types.ts';
import { nodeName } from './names.ts';
import type { NarrationFiring } from './narration.ts';
import type { Expectation } from './schema.ts';
import { formatSeconds } from './units.ts';

/** The outcome of one run: what `--json` prints and what tests assert on. */
export interface RunReport {
  /** The scenario's name. */
  readonly scenario: string;
  readonly seed: number;
  readonly endMs: number;
  /** Every expectation passed and every narration card fired. */
  readonly passed: boolean;
  readonly nodes: readonly NodeReport[];
  /** Instance, member and node lifecycle changes, in time order. */
  readonly events: readonly ReportEvent[];
  /** Protocol notes and the world's step lines, in time order. */
  readonly notes: readonly ReportNote[];
  /** By wire type. */
  readonly messages: Readonly<Record<string, MessageCounts>>;
  readonly expectations: readonly ExpectationReport[];
  /** The narration cards that fired, in the order they fired (see narration.ts). */
  readonly narration: readonly NarrationFiring[];
  /**
   * Narration cards that never fired (a scenario bug), and places where the trace-rebuilt
   * views and the nodes' real state disagree at the end (a trace gap, a simulator bug).
   */
  readonly warnings: readonly string[];
}

export interface NodeReport {
  readonly name: string;
  readonly address: Address;
  readonly status: NodeStatus;
  /** The other members as this node sees them. */
  readonly members: Readonly<Record<Address, MemberState>>;
  readonly healthyList: readonly Address[];
  /** group@@service → ip:port → healthy */
  readonly services: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
}

export interface ReportEvent {
  readonly atMs: number;
  readonly kind: 'instance' | 'member' | 'node';
  /** The node that saw the change, by name. */
  readonly observer: string;
  /** instance: "group@@service ip:port"; member: the peer's name; node: the node's own name. */
  readonly subject: string;
  /** instance: added | unhealthy | healthy | removed; member: the new state; node: the new status. */
  readonly change: string;
  /** member: the state before. */
  readonly from?: MemberState;
}

export interface ReportNote {
  readonly atMs: number;
  /** The node that noted it; absent for the world's own step lines. */
  readonly observer?: string;
  /** A NoteCode, or "step". */
  readonly code: string;
  readonly text: string;
}

export interface ExpectationReport {
  /** The expectation with every default filled in. */
  readonly expectation: Expectation;
  readonly pass: boolean;
  readonly heldAtMs: number | null;
  readonly message: string;
}

/** Sorts trace records into the report's events and notes as they arrive. */
export class TraceCollector {
  readonly events: ReportEvent[] = [];
  readonly notes: ReportNote[] = [];

  add(record: TraceRecord): void {
    const atMs = record.atMs;
    switch (record.type) {
      case 'instance':
        this.events.push({
          atMs,
          kind: 'instance',
          observer: nodeName(record.observer),
          subject: `${record.service} ${record.instance}`,
          change: record.change,
        });
        return;
      case 'member':
        this.events.push({
          atMs,
          kind: 'member',
          observer: nodeName(record.observer),
          subject: nodeName(record.subject),
          change: record.to,
          from: record.from,
        });
        return;
      case 'node': {
        const name = nodeName(record.observer);
        this.events.push({ atMs, kind: 'node', observer: name, subject: name, change: record.status });
        return;
      }
      case 'note':
        this.notes.push({
          atMs,
          observer: nodeName(record.observer),
          code: record.code,
          text: record.detail,
        });
        return;
      case 'step':
        this.notes.push({ atMs, code: 'step', text: record.text });
        return;
    }
  }
}

export function nodeReport(view: NodeView): NodeReport {
  const members: Record<Address, MemberState> = {};
  for (const [address, member] of Object.entries(view.members)) members[address] = member.state;
  const services: Record<string, Readonly<Record<string, boolean>>> = {};
  for (const [service, hosts] of Object.entries(view.instances)) {
    if (Object.keys(hosts).length > 0) services[service] = { ...hosts };
  }
  return {
    name: nodeName(view.address),
    address: view.address,
    status: view.status,
    members,
    healthyList: [...view.healthyList],
    services,
  };
}

/** The report for people: a few lines per section, times in seconds. */
export function formatSummary(report: RunReport): string {
  return [
    `${report.scenario}: ${report.passed ? 'PASSED' : 'FAILED'} (seed ${report.seed}, ran to ${formatSeconds(report.endMs)})`,
    ...expectationLines(report.expectations),
    ...narrationLines(report),
    'Nodes at the end:',
    ...report.nodes.map((node) => `  ${nodeLine(node)}`),
    eventLine(report),
    ...messageLines(report.messages),
    ...report.warnings.map((warning) => `Warning: ${warning}`),
  ].join('\n');
}

function expectationLines(expectations: readonly ExpectationReport[]): string[] {
  if (expectations.length === 0) return ['Expectations: none'];
  const passed = expectations.filter((result) => result.pass).length;
  return [
    `Expectations: ${passed} of ${expectations.length} passed`,
    ...expectations.map((result) => `  ${result.pass ? 'PASS' : 'FAIL'} ${result.message}`),
  ];
}

/** The cards that fired; the ones that never did are among the warnings. */
function narrationLines(report: RunReport): string[] {
  if (report.narration.length === 0) return [];
  const times = report.narration.map((firing) => `[${firing.index}] ${formatSeconds(firing.atMs)}`);
  return [`Narration: ${plural(report.narration.length, 'card')} fired: ${times.join(', ')}`];
}

function nodeLine(node: NodeReport): string {
  const down = Object.entries(node.members)
    .filter(([, state]) => state !== 'UP')
    .map(([address, state]) => `${nodeName(address)} ${state}`);
  const hosts = Object.values(node.services).flatMap((service) => Object.values(service));
  const unhealthy = hosts.filter((healthy) => !healthy).length;
  return (
    `${node.name} ${node.address} ${node.status}; healthy list ${node.healthyList.map(nodeName).join(' ') || '-'}` +
    `${down.length > 0 ? ` (${down.join(', ')})` : ''}; ${plural(Object.keys(node.services).length, 'service')}, ` +
    `${plural(hosts.length, 'instance')}${unhealthy > 0 ? ` (${unhealthy} unhealthy)` : ''}`
  );
}

function eventLine(report: RunReport): string {
  const count = (kind: ReportEvent['kind']) => report.events.filter((event) => event.kind === kind).length;
  return (
    `Events: ${plural(count('instance'), 'instance change')}, ${plural(count('member'), 'member change')}, ` +
    `${plural(count('node'), 'node change')}; ${plural(report.notes.length, 'note')}`
  );
}

function messageLines(messages: Readonly<Record<string, MessageCounts>>): string[] {
  const entries = Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const total = { sent: 0, delivered: 0, dropped: 0 };
  for (const [, counts] of entries) {
    total.sent += counts.sent;
    total.delivered += counts.delivered;
    total.dropped += counts.dropped;
  }
  const byType = entries.map(([type, c]) => `${type} ${c.sent}/${c.delivered}/${c.dropped}`).join(', ');
  return [
    `Messages: ${total.sent} sent, ${total.delivered} delivered, ${total.dropped} dropped`,
    ...(byType === '' ? [] : [`  sent/delivered/dropped: ${byType}`]),
  ];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
