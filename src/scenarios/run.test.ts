import { describe, expect, it } from 'vitest';
import type { Truth } from '../sim/checkers.ts';
import type {
  ClientSpec,
  LinkParams,
  MessageCounts,
  NodeView,
  TraceRecord,
  WorldOptions,
} from '../sim/types.ts';
import { ViewModel } from '../sim/viewModel.ts';
import { createWorld } from '../sim/world.ts';
import { parseScenarioValue } from './parse.ts';
import { formatSummary } from './report.ts';
import { runScenario } from './run.ts';
import type { Scenario } from './schema.ts';
import type { ScenarioWorld } from './worldPort.ts';

const N = (i: number) => `10.0.0.${i}:8848`;
const SVC = 'DEFAULT_GROUP@@orders';
const HOST = '10.1.0.1:8080';

/**
 * A world that plays a fixed script of trace records instead of running nodes, and logs
 * every command with the virtual time it came at.
 */
class ScriptedWorld implements ScenarioWorld {
  nowMs = 0;
  readonly seed: number;
  readonly calls: string[] = [];
  private readonly listeners = new Set<(record: TraceRecord) => void>();
  private readonly script: TraceRecord[];
  private readonly addresses: string[];
  private readonly shadow = new ViewModel();
  private clientAlive = false;

  constructor(
    readonly options: WorldOptions,
    script: TraceRecord[],
  ) {
    this.seed = options.seed;
    this.addresses = Array.from({ length: options.nodeCount }, (_, i) => N(i + 1));
    const boot = this.addresses.map(
      (observer): TraceRecord => ({
        type: 'node',
        observer,
        status: 'started',
        members: this.addresses,
        atMs: 0,
      }),
    );
    this.script = [...boot, ...script];
  }

  nodeAddresses(): readonly string[] {
    return this.addresses;
  }

  runUntil(atMs: number): void {
    while (this.script[0] !== undefined && this.script[0].atMs < atMs) this.emit(this.script.shift()!);
    this.nowMs = atMs;
  }

  onTrace(listener: (record: TraceRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(record: TraceRecord): void {
    this.shadow.apply(record);
    for (const listener of this.listeners) listener(record);
  }

  private log(call: string): void {
    this.calls.push(`${this.nowMs} ${call}`);
  }

  register(client: string, spec: ClientSpec): void {
    this.clientAlive = true;
    this.log(`register ${client} ${JSON.stringify(spec)}`);
  }
  deregister(client: string): void {
    this.log(`deregister ${client}`);
  }
  stopClient(client: string): void {
    this.clientAlive = false;
    this.log(`stopClient ${client}`);
  }
  resumeClient(client: string): void {
    this.log(`resumeClient ${client}`);
  }
  cutClient(client: string, nodes: readonly string[]): void {
    this.log(`cutClient ${client} ${nodes.join(',')}`);
  }
  kill(node: string): void {
    this.log(`kill ${node}`);
    this.emit({ type: 'node', observer: node, status: 'killed', atMs: this.nowMs });
  }
  restart(node: string): void {
    this.log(`restart ${node}`);
  }
  pause(node: string): void {
    this.log(`pause ${node}`);
  }
  resume(node: string): void {
    this.log(`resume ${node}`);
  }
  addNode(): string {
    this.addresses.push(N(this.addresses.length + 1));
    this.log('addNode');
    return this.addresses.at(-1)!;
  }
  partition(groups: readonly (readonly string[])[]): void {
    this.log(`partition ${groups.map((group) => group.join('+')).join(' | ')}`);
  }
  cut(from: string, to: string): void {
    this.log(`cut ${from} ${to}`);
  }
  heal(): void {
    this.log('heal');
  }
  setLink(params: Partial<LinkParams>, from?: string, to?: string): void {
    this.log(`setLink ${JSON.stringify(params)} ${from ?? '*'} ${to ?? '*'}`);
  }
  views(): readonly NodeView[] {
    return this.shadow.views();
  }
  truth(): Truth {
    return this.clientAlive ? { [SVC]: { [HOST]: true } } : {};
  }
  messageCounts(): Readonly<Record<string, MessageCounts>> {
    return { MEMBER_REPORT: { sent: 10, delivered: 9, dropped: 1 } };
  }
}

function change(atMs: number, i: number, kind: 'added' | 'unhealthy' | 'removed'): TraceRecord {
  return { type: 'instance', observer: N(i), service: SVC, instance: HOST, change: kind, atMs };
}

/** Registered at 0, replicated by 1.2 s; the client stops at 20 s, unhealthy at 36 s, gone at 51 s. */
const SCRIPT: TraceRecord[] = [
  change(1000, 1, 'added'),
  { type: 'note', observer: N(1), code: 'loadSucceeded', detail: 'from n2', atMs: 1100 },
  change(1200, 2, 'added'),
  change(1200, 3, 'added'),
  { type: 'member', observer: N(1), subject: N(2), from: 'UP', to: 'DOWN', atMs: 26_000 },
  { type: 'step', text: 'the world says hello', atMs: 30_000 },
  change(36_000, 1, 'unhealthy'),
  change(36_000, 3, 'unhealthy'),
  change(51_000, 1, 'removed'),
  change(51_000, 3, 'removed'),
  { type: 'member', observer: N(1), subject: N(2), from: 'DOWN', to: 'UP', atMs: 52_000 },
];

const SCENARIO = {
  name: 'scripted',
  seed: 7,
  cluster: { nodes: 3, params: { heartbeatTimeoutMs: 15_000 }, link: { latencyMs: 30 } },
  durationMs: 60_000,
  steps: [
    { atMs: 0, do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080, via: 'n1' },
    { atMs: 20_000, do: 'stopClient', client: 'orders-1' },
    { atMs: 24_000, do: 'kill', node: 'n2' },
    { atMs: 25_000, do: 'partition', groups: [['n1'], ['n2', 'n3']] },
    { atMs: 25_000, do: 'link', lossRate: 0.5, from: 'n1', to: 'n3' },
    { atMs: 40_000, do: 'heal' },
    { atMs: 41_000, do: 'addNode' },
  ],
  expect: [
    {
      type: 'instance',
      service: 'orders',
      instance: HOST,
      state: 'unhealthy',
      sinceMs: 20_000,
      fromMs: 35_000,
      byMs: 40_000,
    },
    { type: 'member', observer: 'n1', subject: 'n2', state: 'DOWN', sinceMs: 24_000, byMs: 28_000 },
    { type: 'converged', withinMs: 15_000 },
    { type: 'singleOwner' },
  ],
};

function scenarioOf(value: unknown): Scenario {
  const result = parseScenarioValue(value, 'test.json');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.scenario;
}

function runScripted(value: unknown = SCENARIO, options: { seed?: number } = {}) {
  let world: ScriptedWorld | undefined;
  const report = runScenario(
    scenarioOf(value),
    (worldOptions) => {
      world = new ScriptedWorld(worldOptions, structuredClone(SCRIPT));
      return world;
    },
    options,
  );
  return { report, world: world! };
}

describe('runScenario', () => {
  it('builds the world from the scenario', () => {
    const { world } = runScripted();
    expect(world.options).toEqual({
      seed: 7,
      nodeCount: 3,
      config: { heartbeatTimeoutMs: 15_000 },
      link: { latencyMs: 30 },
    });
  });

  it('applies each step at its time, with node names turned into addresses', () => {
    const { world } = runScripted();
    expect(world.calls).toEqual([
      '0 register orders-1 {"serviceName":"orders","groupName":"DEFAULT_GROUP","ip":"10.1.0.1","port":8080,' +
        '"clusterName":"DEFAULT","weight":1,"metadata":{},"lightBeat":false,"via":"10.0.0.1:8848"}',
      '20000 stopClient orders-1',
      '24000 kill 10.0.0.2:8848',
      '25000 partition 10.0.0.1:8848 | 10.0.0.2:8848+10.0.0.3:8848',
      '25000 setLink {"lossRate":0.5} 10.0.0.1:8848 10.0.0.3:8848',
      '40000 heal',
      '41000 addNode',
    ]);
    expect(world.nowMs).toBe(60_000);
  });

  it('judges the expectations on the trace', () => {
    const { report } = runScripted();
    expect(report.expectations.map(({ pass, heldAtMs }) => ({ pass, heldAtMs }))).toEqual([
      { pass: true, heldAtMs: 36_000 },
      { pass: true, heldAtMs: 26_000 },
      // The client stopped at 20 s; the last stale copy went at 51 s, within 15 s of the last step.
      { pass: true, heldAtMs: 51_000 },
      { pass: true, heldAtMs: 60_000 },
    ]);
    expect(report.expectations[2]?.expectation).toEqual({
      type: 'converged',
      withinMs: 15_000,
      afterMs: 41_000,
    });
    expect(report.passed).toBe(true);
  });

  it('assembles the report', () => {
    const { report } = runScripted();
    expect(report).toMatchObject({ scenario: 'scripted', seed: 7, endMs: 60_000, warnings: [] });
    expect(report.messages).toEqual({ MEMBER_REPORT: { sent: 10, delivered: 9, dropped: 1 } });
    expect(report.events.slice(3, 6)).toEqual([
      { atMs: 1000, kind: 'instance', observer: 'n1', subject: `${SVC} ${HOST}`, change: 'added' },
      { atMs: 1200, kind: 'instance', observer: 'n2', subject: `${SVC} ${HOST}`, change: 'added' },
      { atMs: 1200, kind: 'instance', observer: 'n3', subject: `${SVC} ${HOST}`, change: 'added' },
    ]);
    expect(report.events.filter((event) => event.kind !== 'instance')).toEqual([
      { atMs: 0, kind: 'node', observer: 'n1', subject: 'n1', change: 'started' },
      { atMs: 0, kind: 'node', observer: 'n2', subject: 'n2', change: 'started' },
      { atMs: 0, kind: 'node', observer: 'n3', subject: 'n3', change: 'started' },
      { atMs: 24_000, kind: 'node', observer: 'n2', subject: 'n2', change: 'killed' },
      { atMs: 26_000, kind: 'member', observer: 'n1', subject: 'n2', change: 'DOWN', from: 'UP' },
      { atMs: 52_000, kind: 'member', observer: 'n1', subject: 'n2', change: 'UP', from: 'DOWN' },
    ]);
    expect(report.notes).toEqual([
      { atMs: 1100, observer: 'n1', code: 'loadSucceeded', text: 'from n2' },
      { atMs: 30_000, code: 'step', text: 'the world says hello' },
    ]);
    expect(report.nodes[0]).toEqual({
      name: 'n1',
      address: N(1),
      status: 'running',
      members: { [N(2)]: 'UP', [N(3)]: 'UP' },
      healthyList: [N(1), N(2), N(3)],
      services: {},
    });
    expect(report.nodes[1]).toMatchObject({ name: 'n2', status: 'killed' });
  });

  it('a --seed override reaches the world and the report', () => {
    const { report, world } = runScripted(SCENARIO, { seed: 99 });
    expect(world.options.seed).toBe(99);
    expect(report.seed).toBe(99);
  });

  it('fails the run when an expectation fails', () => {
    const late = { ...SCENARIO, expect: [{ ...SCENARIO.expect[1], byMs: 25_000 }] };
    const { report } = runScripted(late);
    expect(report.passed).toBe(false);
    expect(report.expectations[0]).toMatchObject({ pass: false, heldAtMs: 26_000 });
    expect(formatSummary(report)).toContain(
      'FAIL expected n1 to see n2 DOWN between 24.0 s and 25.0 s; first held at 26.0 s, too late',
    );
  });
});

describe('narration', () => {
  const narrated = {
    ...SCENARIO,
    narration: [
      { atMs: 0, en: 'start', zh: '开始' },
      { when: { member: { observer: 'n1', subject: 'n2', state: 'DOWN' } }, en: 'down', zh: '宕机' },
      { when: { step: 2 }, en: 'kill', zh: '杀掉' },
      {
        when: { instance: { node: 'n3', service: 'orders', change: 'removed' }, sinceMs: 40_000 },
        en: 'gone',
        zh: '删除',
      },
      { atMs: 60_000, en: 'end', zh: '结束' },
    ],
  };

  it('reports the cards that fired, in the order and at the time they fired', () => {
    const { report } = runScripted(narrated);
    expect(report.narration).toEqual([
      { index: 0, atMs: 0 },
      { index: 2, atMs: 24_000 },
      { index: 1, atMs: 26_000 },
      { index: 3, atMs: 51_000 },
      { index: 4, atMs: 60_000 },
    ]);
    expect(report.passed).toBe(true);
    expect(report.warnings).toEqual([]);
    expect(formatSummary(report)).toContain(
      'Narration: 5 cards fired: [0] 0.0 s, [2] 24.0 s, [1] 26.0 s, [3] 51.0 s, [4] 60.0 s',
    );
  });

  it('fails the run with a warning when a card never fires', () => {
    const waiting = {
      ...narrated,
      narration: [
        ...narrated.narration,
        { when: { member: { observer: 'n3', subject: 'n1', state: 'DOWN' } }, en: 'never', zh: '永远不会' },
      ],
    };
    const { report } = runScripted(waiting);
    expect(report.expectations.every((result) => result.pass)).toBe(true);
    expect(report.passed).toBe(false);
    expect(report.warnings).toEqual(['narration[5] never fired: it waits for n3 to see n1 DOWN']);
    expect(formatSummary(report)).toContain('scripted: FAILED');
  });
});

describe('with the real World', () => {
  const partitioned = {
    name: 'partition and heal',
    seed: 11,
    cluster: { nodes: 3 },
    durationMs: 70_000,
    steps: [
      { atMs: 0, do: 'register', client: 'a', service: 'orders', ip: '10.1.0.1', port: 8080 },
      { atMs: 0, do: 'register', client: 'b', service: 'pay', ip: '10.1.0.2', port: 8080 },
      { atMs: 10_000, do: 'partition', groups: [['n1'], ['n2', 'n3']] },
      { atMs: 40_000, do: 'heal' },
    ],
    expect: [
      { type: 'member', observer: 'n1', subject: 'n2', state: 'DOWN', sinceMs: 10_000, byMs: 40_000 },
      { type: 'converged', withinMs: 30_000 },
      { type: 'singleOwner' },
    ],
  };

  it('the same seed gives the same report, and the trace accounts for every node', () => {
    const first = runScenario(scenarioOf(partitioned), createWorld);
    const second = runScenario(scenarioOf(partitioned), createWorld);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.warnings).toEqual([]);
    expect(first.expectations.map((result) => result.pass)).toEqual([true, true, true]);
  });
});

describe('the trace audit', () => {
  it('warns when the views rebuilt from the trace differ from the nodes', () => {
    const report = runScenario(scenarioOf(SCENARIO), (options) => {
      const world = new ScriptedWorld(options, structuredClone(SCRIPT));
      const realViews = world.views.bind(world);
      world.views = () =>
        realViews().map((view) =>
          view.address === N(3) ? { ...view, instances: { [SVC]: { '10.9.9.9:1': true } } } : view,
        );
      return world;
    });
    expect(report.warnings).toEqual([
      'n3: instances from the trace "", on the node "DEFAULT_GROUP@@orders 10.9.9.9:1 healthy"',
    ]);
    expect(formatSummary(report)).toContain('Warning: n3: instances from the trace');
  });
});

describe('formatSummary', () => {
  it('reads in a few lines per section, times in seconds', () => {
    const { report } = runScripted();
    expect(formatSummary(report)).toBe(
      [
        'scripted: PASSED (seed 7, ran to 60.0 s)',
        'Expectations: 4 of 4 passed',
        '  PASS expected DEFAULT_GROUP@@orders 10.1.0.1:8080 unhealthy on all nodes between 35.0 s and 40.0 s; first held at 36.0 s',
        '  PASS expected n1 to see n2 DOWN between 24.0 s and 28.0 s; first held at 26.0 s',
        '  PASS expected convergence within 15.0 s of 41.0 s (by 56.0 s), lasting to the end; converged from 51.0 s on',
        '  PASS expected one running owner per service at the end (60.0 s); every service has one',
        'Nodes at the end:',
        '  n1 10.0.0.1:8848 running; healthy list n1 n2 n3; 0 services, 0 instances',
        '  n2 10.0.0.2:8848 killed; healthy list n1 n2 n3; 0 services, 0 instances',
        '  n3 10.0.0.3:8848 running; healthy list n1 n2 n3; 0 services, 0 instances',
        'Events: 7 instance changes, 2 member changes, 4 node changes; 2 notes',
        'Messages: 10 sent, 9 delivered, 1 dropped',
        '  sent/delivered/dropped: MEMBER_REPORT 10/9/1',
      ].join('\n'),
    );
  });
});
