import type { Truth } from '../sim/checkers.ts';
import type { MessageCounts, TraceRecord } from '../sim/types.ts';
import { ViewModel } from '../sim/viewModel.ts';
import { auditViews } from './audit.ts';
import { createEvaluator, type ExpectationEvaluator, type ExpectationResult } from './expectations.ts';
import { addressOfIndex, nodeAddress, nodeName } from './names.ts';
import { describeTrigger, NarrationTracker } from './narration.ts';
import { nodeReport, type RunReport, TraceCollector } from './report.ts';
import type { Scenario, Step } from './schema.ts';
import type { ScenarioWorld, WorldFactory } from './worldPort.ts';

export interface RunOptions {
  /** Overrides the scenario's seed (the CLI's --seed). */
  readonly seed?: number;
}

/**
 * Runs a validated scenario headless: every step at its time, then on to durationMs.
 * Expectations are judged on the views rebuilt from the trace as it arrives.
 */
export function runScenario(
  scenario: Scenario,
  makeWorld: WorldFactory,
  options: RunOptions = {},
): RunReport {
  const world = makeWorld({
    seed: options.seed ?? scenario.seed,
    nodeCount: scenario.cluster.nodes,
    config: scenario.cluster.params,
    link: scenario.cluster.link,
  });
  const warnings = checkNodeNames(world.nodeAddresses());
  const observer = new RunObserver(
    scenario.expect.map(createEvaluator),
    world.truth(),
    new NarrationTracker(scenario.narration),
  );
  const unsubscribe = world.onTrace((record) => observer.record(record));
  try {
    observer.observe(world.nowMs);
    scenario.steps.forEach((step, index) => {
      world.runUntil(step.atMs);
      warnings.push(...applyStep(world, step));
      // Only steps change which clients live and which nodes they reach: the truth moves here.
      observer.stepDone(index, step.atMs, world.truth());
    });
    world.runUntil(scenario.durationMs);
  } finally {
    unsubscribe();
  }
  const results = observer.finish(scenario.durationMs);
  // A card that never fires would leave the tutorial waiting forever: the run fails.
  const silent = observer.narration
    .unfired()
    .map(
      (index) =>
        `narration[${index}] never fired: it waits for ${describeTrigger(scenario.narration[index]!)}`,
    );
  return {
    scenario: scenario.name,
    seed: world.seed,
    endMs: world.nowMs,
    passed: results.every((result) => result.pass) && silent.length === 0,
    nodes: world.views().map(nodeReport),
    events: observer.collector.events,
    notes: observer.collector.notes,
    messages: copyCounts(world.messageCounts()),
    expectations: scenario.expect.map((expectation, i) => ({ expectation, ...results[i]! })),
    narration: [...observer.narration.fired()],
    warnings: [...warnings, ...silent, ...auditViews(observer.model.views(), world.views())],
  };
}

/**
 * Feeds the trace into the view model, the report, the expectations and the narration, in
 * time order. The headless runner and the browser's scenario player share it.
 */
export class RunObserver {
  readonly model = new ViewModel();
  readonly collector = new TraceCollector();

  constructor(
    private readonly evaluators: readonly ExpectationEvaluator[],
    private truth: Truth,
    readonly narration: NarrationTracker,
  ) {}

  record(record: TraceRecord): void {
    this.model.apply(record);
    this.collector.add(record);
    this.narration.record(record);
    this.observe(record.atMs);
  }

  stepDone(index: number, atMs: number, truth: Truth): void {
    this.truth = truth;
    this.narration.stepApplied(index, atMs);
    this.observe(atMs);
  }

  observe(atMs: number): void {
    this.narration.advanceTo(atMs);
    for (const evaluator of this.evaluators) evaluator.observe(atMs, this.model, this.truth);
  }

  finish(endMs: number): ExpectationResult[] {
    this.narration.advanceTo(endMs);
    return this.evaluators.map((evaluator) => evaluator.finish(endMs));
  }
}

/** Scenarios address nodes by name; the world must number them the same way. */
function checkNodeNames(addresses: readonly string[]): string[] {
  return addresses.flatMap((address, i) => {
    const expected = addressOfIndex(i + 1);
    return address === expected ? [] : [`the world calls n${i + 1} ${address}, scenarios expect ${expected}`];
  });
}

/** The report keeps its own numbers, not the world's live counters. */
function copyCounts(counts: Readonly<Record<string, MessageCounts>>): Record<string, MessageCounts> {
  return Object.fromEntries(Object.entries(counts).map(([type, count]) => [type, { ...count }]));
}

/** Performs one step; returns warnings (an added node numbered unlike its name). */
/** Applies one scenario step (or a user action of the same shape) to the world; returns warnings. */
export function applyStep(world: ScenarioWorld, step: Step): string[] {
  switch (step.do) {
    case 'register':
      world.register(step.client, {
        serviceName: step.service,
        groupName: step.group,
        ip: step.ip,
        port: step.port,
        clusterName: step.cluster,
        weight: step.weight,
        metadata: step.metadata,
        lightBeat: step.lightBeat,
        ...(step.via === undefined ? {} : { via: nodeAddress(step.via) }),
      });
      return [];
    case 'deregister':
      world.deregister(step.client);
      return [];
    case 'stopClient':
      world.stopClient(step.client);
      return [];
    case 'resumeClient':
      world.resumeClient(step.client);
      return [];
    case 'cutClient':
      world.cutClient(step.client, step.nodes.map(nodeAddress));
      return [];
    default:
      return applyClusterStep(world, step);
  }
}

function applyClusterStep(world: ScenarioWorld, step: Step): string[] {
  switch (step.do) {
    case 'kill':
      world.kill(nodeAddress(step.node));
      return [];
    case 'restart':
      world.restart(nodeAddress(step.node));
      return [];
    case 'pause':
      world.pause(nodeAddress(step.node));
      return [];
    case 'resume':
      world.resume(nodeAddress(step.node));
      return [];
    case 'addNode': {
      const address = world.addNode();
      const index = world.nodeAddresses().length;
      return address === addressOfIndex(index)
        ? []
        : [
            `addNode made ${address}; scenarios expect ${nodeName(addressOfIndex(index))} = ${addressOfIndex(index)}`,
          ];
    }
    case 'partition':
      world.partition(step.groups.map((group) => group.map(nodeAddress)));
      return [];
    case 'cut':
      world.cut(nodeAddress(step.from), nodeAddress(step.to));
      return [];
    case 'heal':
      world.heal();
      return [];
    case 'link':
      applyLink(world, step);
      return [];
    default:
      return [];
  }
}

function applyLink(world: ScenarioWorld, step: Extract<Step, { do: 'link' }>): void {
  const { atMs: _atMs, do: _do, from, to, ...params } = step;
  if (from === undefined || to === undefined) world.setLink(params);
  else world.setLink(params, nodeAddress(from), nodeAddress(to));
}
