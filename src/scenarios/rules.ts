import { groupedServiceName } from '../protocol/model.ts';
import { DEFAULT_LINK } from '../sim/types.ts';
import { MAX_NODES, nodeIndex } from './names.ts';
import { type Expectation, type NarrationCard, type Scenario, type Step, TRIGGER_KINDS } from './schema.ts';
import { formatSeconds } from './units.ts';

/**
 * The checks that need the whole file: steps in time order and within the run, node names
 * that exist when they are used (addNode grows the cluster), clients registered before
 * they are named, partitions that place every node once, and expectation windows that
 * can be judged. They run after the schema has accepted the shape.
 */
export interface ScenarioIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Path = readonly (string | number)[];

export function checkScenario(scenario: Scenario): ScenarioIssue[] {
  const issues = [
    ...checkClusterLink(scenario),
    ...checkStepTimes(scenario),
    ...checkStepScope(scenario),
    ...checkExpectations(scenario),
    ...checkNarration(scenario),
  ];
  // In file order, so a person can fix them top to bottom (sort is stable).
  return issues.sort((a, b) => sectionRank(a) - sectionRank(b) || itemIndex(a) - itemIndex(b));
}

const SECTIONS = ['cluster', 'steps', 'expect', 'narration'];

function sectionRank(issue: ScenarioIssue): number {
  return SECTIONS.indexOf(String(issue.path[0]));
}

function itemIndex(issue: ScenarioIssue): number {
  const index = issue.path[1];
  return typeof index === 'number' ? index : -1;
}

function issue(path: Path, message: string): ScenarioIssue {
  return { path, message };
}

function checkJitter(
  path: Path,
  latencyMs: number | undefined,
  jitterMs: number | undefined,
): ScenarioIssue[] {
  if (latencyMs === undefined || jitterMs === undefined || jitterMs <= latencyMs) return [];
  return [
    issue(
      [...path, 'jitterMs'],
      `${jitterMs} is more than latencyMs ${latencyMs}: a delay cannot be negative`,
    ),
  ];
}

function checkClusterLink(scenario: Scenario): ScenarioIssue[] {
  const link = { ...DEFAULT_LINK, ...scenario.cluster.link };
  return checkJitter(['cluster', 'link'], link.latencyMs, link.jitterMs);
}

function checkStepTimes(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  scenario.steps.forEach((step, index) => {
    const previous = scenario.steps[index - 1];
    if (previous && step.atMs < previous.atMs) {
      issues.push(
        issue(
          ['steps', index, 'atMs'],
          `steps must be in time order: ${step.atMs} comes after steps[${index - 1}] at ${previous.atMs}`,
        ),
      );
    }
    if (step.atMs > scenario.durationMs) {
      issues.push(
        issue(
          ['steps', index, 'atMs'],
          `${step.atMs} is after the end of the run (durationMs ${scenario.durationMs})`,
        ),
      );
    }
  });
  return issues;
}

/** Every node name a step uses, with where it sits in the step. */
function nodeRefs(step: Step): [Path, string][] {
  switch (step.do) {
    case 'register':
      return step.via === undefined ? [] : [[['via'], step.via]];
    case 'kill':
    case 'restart':
    case 'pause':
    case 'resume':
      return [[['node'], step.node]];
    case 'cutClient':
      return step.nodes.map((name, i) => [['nodes', i], name]);
    case 'partition':
      return step.groups.flatMap((group, g) =>
        group.map((name, i): [Path, string] => [['groups', g, i], name]),
      );
    case 'cut':
      return [
        [['from'], step.from],
        [['to'], step.to],
      ];
    case 'link':
      return [
        ...(step.from === undefined ? [] : [[['from'], step.from] as [Path, string]]),
        ...(step.to === undefined ? [] : [[['to'], step.to] as [Path, string]]),
      ];
    default:
      return [];
  }
}

function clientOf(step: Step): string | null {
  switch (step.do) {
    case 'deregister':
    case 'stopClient':
    case 'resumeClient':
    case 'cutClient':
      return step.client;
    default:
      return null;
  }
}

/** A client is named by one register step (the world keeps it for the whole run), then used. */
function checkClient(step: Step, at: Path, registered: Map<string, number>): ScenarioIssue[] {
  if (step.do === 'register') {
    const first = registered.get(step.client);
    if (first !== undefined) {
      return [issue([...at, 'client'], `client "${step.client}" is already registered by steps[${first}]`)];
    }
    registered.set(step.client, Number(at[1]));
    return [];
  }
  const client = clientOf(step);
  if (client === null || registered.has(client)) return [];
  return [issue([...at, 'client'], `client "${client}" is not registered by any earlier step`)];
}

function nodeRange(count: number): string {
  return count === 1 ? 'only n1' : `n1–n${count}`;
}

function checkStepScope(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const registered = new Map<string, number>();
  let nodeCount = scenario.cluster.nodes;
  scenario.steps.forEach((step, index) => {
    const at: Path = ['steps', index];
    for (const [path, name] of nodeRefs(step)) {
      if ((nodeIndex(name) ?? 0) > nodeCount) {
        issues.push(
          issue(
            [...at, ...path],
            `${name} does not exist at ${formatSeconds(step.atMs)}: the cluster has ${nodeRange(nodeCount)} then`,
          ),
        );
      }
    }
    issues.push(...checkClient(step, at, registered));
    if (step.do === 'addNode') {
      nodeCount += 1;
      if (nodeCount > MAX_NODES) issues.push(issue(at, `a cluster cannot have more than ${MAX_NODES} nodes`));
    }
    issues.push(...checkStepShape(step, at, nodeCount));
  });
  return issues;
}

function checkStepShape(step: Step, at: Path, nodeCount: number): ScenarioIssue[] {
  switch (step.do) {
    case 'partition':
      return checkPartition(step.groups, at, nodeCount);
    case 'cut':
      return step.from === step.to ? [issue([...at, 'to'], 'a node cannot be cut off from itself')] : [];
    case 'link':
      return checkLinkStep(step, at);
    default:
      return [];
  }
}

/** Each node in exactly one group, so the split is unambiguous whatever the world's defaults. */
function checkPartition(
  groups: readonly (readonly string[])[],
  at: Path,
  nodeCount: number,
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const seen = new Map<string, number>();
  groups.forEach((group, g) => {
    group.forEach((name, i) => {
      const first = seen.get(name);
      if (first === undefined) seen.set(name, g);
      else
        issues.push(issue([...at, 'groups', g, i], `${name} is listed twice (already in groups[${first}])`));
    });
  });
  for (let index = 1; index <= nodeCount; index++) {
    if (!seen.has(`n${index}`)) {
      issues.push(issue([...at, 'groups'], `n${index} is in no group: a partition must place every node`));
    }
  }
  return issues;
}

function checkLinkStep(step: Extract<Step, { do: 'link' }>, at: Path): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if ((step.from === undefined) !== (step.to === undefined)) {
    issues.push(issue(at, 'give both "from" and "to" (one directed link) or neither (every link)'));
  }
  if (step.from !== undefined && step.from === step.to) {
    issues.push(issue([...at, 'to'], 'a link joins two different nodes'));
  }
  const changes = [step.latencyMs, step.jitterMs, step.lossRate, step.duplicateRate];
  if (changes.every((value) => value === undefined)) {
    issues.push(issue(at, 'a link step needs at least one of latencyMs, jitterMs, lossRate, duplicateRate'));
  }
  return [...issues, ...checkJitter(at, step.latencyMs, step.jitterMs)];
}

function checkExpectations(scenario: Scenario): ScenarioIssue[] {
  const added = scenario.steps.filter((step) => step.do === 'addNode').length;
  const maxNodes = scenario.cluster.nodes + added;
  return scenario.expect.flatMap((expectation, index) =>
    checkExpectation(expectation, ['expect', index], maxNodes, scenario.durationMs),
  );
}

function expectationNodes(expectation: Expectation): [Path, string][] {
  switch (expectation.type) {
    case 'instance':
      return expectation.on === 'all' ? [] : expectation.on.map((name, i) => [['on', i], name]);
    case 'member':
      return [
        [['observer'], expectation.observer],
        [['subject'], expectation.subject],
      ];
    default:
      return [];
  }
}

function checkExpectation(
  expectation: Expectation,
  at: Path,
  maxNodes: number,
  durationMs: number,
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const [path, name] of expectationNodes(expectation)) {
    if ((nodeIndex(name) ?? 0) > maxNodes) {
      issues.push(
        issue([...at, ...path], `${name} does not exist: the cluster never has more than ${maxNodes} nodes`),
      );
    }
  }
  if (expectation.type === 'member' && expectation.observer === expectation.subject) {
    issues.push(issue([...at, 'subject'], 'a node keeps no member state for itself; name another node'));
  }
  if (expectation.type === 'instance' || expectation.type === 'member') {
    issues.push(...checkWindow(expectation, at, durationMs));
  }
  if (expectation.type === 'converged') issues.push(...checkDeadline(expectation, at, durationMs));
  return issues;
}

function checkWindow(
  window: { sinceMs: number; fromMs: number; byMs: number },
  at: Path,
  durationMs: number,
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (window.byMs > durationMs) {
    issues.push(
      issue([...at, 'byMs'], `${window.byMs} is after the end of the run (durationMs ${durationMs})`),
    );
  }
  if (window.fromMs > window.byMs) {
    issues.push(
      issue(
        [...at, 'fromMs'],
        `${window.fromMs} is after byMs ${window.byMs} (fromMs defaults to sinceMs, byMs to durationMs)`,
      ),
    );
  } else if (window.sinceMs > window.byMs) {
    issues.push(issue([...at, 'sinceMs'], `${window.sinceMs} is after byMs ${window.byMs}`));
  }
  return issues;
}

function checkDeadline(expectation: { afterMs: number; withinMs: number }, at: Path, durationMs: number) {
  const deadlineMs = expectation.afterMs + expectation.withinMs;
  if (deadlineMs <= durationMs) return [];
  return [
    issue(
      at,
      `the deadline afterMs + withinMs = ${formatSeconds(deadlineMs)} is after the end of the run at ` +
        `${formatSeconds(durationMs)} (afterMs defaults to the last step's time)`,
    ),
  ];
}

/**
 * A narration card is shown at a time or when an event happens, and it must be able to
 * happen: the nodes, the step and the registered instance it waits for exist.
 */
function checkNarration(scenario: Scenario): ScenarioIssue[] {
  const added = scenario.steps.filter((step) => step.do === 'addNode').length;
  const maxNodes = scenario.cluster.nodes + added;
  return scenario.narration.flatMap((card, index) =>
    checkCard(card, ['narration', index], scenario, maxNodes),
  );
}

function checkCard(card: NarrationCard, at: Path, scenario: Scenario, maxNodes: number): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (card.atMs === undefined && card.when === undefined) {
    issues.push(issue(at, 'give atMs (show the card at a time) or when (show it when an event happens)'));
  }
  if (card.atMs !== undefined && card.when !== undefined) {
    issues.push(issue(at, 'give atMs or when, not both'));
  }
  const times: [Path, number | undefined][] = [
    [[...at, 'atMs'], card.atMs],
    [[...at, 'when', 'sinceMs'], card.when?.sinceMs],
  ];
  for (const [path, value] of times) {
    if (value !== undefined && value > scenario.durationMs) {
      issues.push(issue(path, `${value} is after the end of the run (durationMs ${scenario.durationMs})`));
    }
  }
  if (card.when !== undefined) issues.push(...checkTrigger(card, [...at, 'when'], scenario, maxNodes));
  return issues;
}

function checkTrigger(card: NarrationCard, at: Path, scenario: Scenario, maxNodes: number): ScenarioIssue[] {
  // The schema lets every kind through so that this line can say what is wrong.
  const when = card.when as Record<string, unknown>;
  const kinds = TRIGGER_KINDS.filter((kind) => when[kind] !== undefined);
  if (kinds.length !== 1) {
    const given = kinds.length === 0 ? 'none is given' : `this one has ${kinds.join(' and ')}`;
    return [issue(at, `give exactly one of member, instance, note or step (${given})`)];
  }
  const issues: ScenarioIssue[] = [];
  for (const [path, name] of triggerNodes(when)) {
    if ((nodeIndex(name) ?? 0) > maxNodes) {
      issues.push(
        issue([...at, ...path], `${name} does not exist: the cluster never has more than ${maxNodes} nodes`),
      );
    }
  }
  if ('member' in card.when! && card.when.member.observer !== undefined) {
    if (card.when.member.observer === card.when.member.subject) {
      issues.push(
        issue([...at, 'member', 'subject'], 'a node keeps no member state for itself; name another node'),
      );
    }
  }
  if ('instance' in card.when!)
    issues.push(...checkInstanceTrigger(card.when.instance, [...at, 'instance'], scenario));
  if ('step' in card.when!)
    issues.push(...checkStepTrigger(card.when.step, card.when.sinceMs, [...at, 'step'], scenario));
  return issues;
}

function triggerNodes(when: Record<string, unknown>): [Path, string][] {
  const refs: [Path, string][] = [];
  const fields: [string, string][] = [
    ['member', 'observer'],
    ['member', 'subject'],
    ['instance', 'node'],
    ['note', 'node'],
  ];
  for (const [kind, field] of fields) {
    const value = (when[kind] as Record<string, unknown> | undefined)?.[field];
    if (typeof value === 'string') refs.push([[kind, field], value]);
  }
  return refs;
}

/** Instances come only from register steps, so a card can only wait for one that is registered. */
function checkInstanceTrigger(
  trigger: { service: string; group: string; instance?: string },
  at: Path,
  scenario: Scenario,
): ScenarioIssue[] {
  const registers = scenario.steps.filter(
    (step): step is Extract<Step, { do: 'register' }> =>
      step.do === 'register' && step.service === trigger.service && step.group === trigger.group,
  );
  const service = groupedServiceName(trigger.service, trigger.group);
  if (registers.length === 0) {
    return [issue([...at, 'service'], `no step registers ${service}, so the card could never be shown`)];
  }
  if (trigger.instance === undefined) return [];
  if (registers.some((step) => `${step.ip}:${step.port}` === trigger.instance)) return [];
  return [
    issue(
      [...at, 'instance'],
      `no step registers ${trigger.instance} in ${service} (registered: ${registers.map((step) => `${step.ip}:${step.port}`).join(', ')})`,
    ),
  ];
}

function checkStepTrigger(
  index: number,
  sinceMs: number | undefined,
  at: Path,
  scenario: Scenario,
): ScenarioIssue[] {
  const count = scenario.steps.length;
  const step = scenario.steps[index];
  if (step === undefined) {
    const range = count === 0 ? 'the scenario has no steps' : `the steps are steps[0]–steps[${count - 1}]`;
    return [issue(at, `there is no steps[${index}]: ${range}`)];
  }
  if (sinceMs !== undefined && step.atMs < sinceMs) {
    return [
      issue(
        at,
        `steps[${index}] is at ${formatSeconds(step.atMs)}, before sinceMs ${formatSeconds(sinceMs)}: the card could never be shown`,
      ),
    ];
  }
  return [];
}
