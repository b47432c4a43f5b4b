import { z } from 'zod';
import { DEFAULT_DISTRO_CONFIG, type DistroConfig } from '../protocol/config.ts';
import type { InstanceChange, NoteCode } from '../protocol/io.ts';
import { DEFAULT_CLUSTER, DEFAULT_GROUP, GROUP_SEPARATOR } from '../protocol/model.ts';
import { MAX_NODES, NODE_NAME_PATTERN } from './names.ts';

/**
 * The scenario file format. Every message here reads "expected …": parse.ts adds the path
 * and what the file actually holds, so a person sees `steps[3].port: expected an integer
 * from 1 to 65535, got 70000`. Checks that need the whole file (time order, node and client
 * names in scope) live in rules.ts.
 */

/** A day of virtual time is far beyond any teaching run; a larger number is a typo. */
export const MAX_DURATION_MS = 86_400_000;
const MAX_SEED = 0xffff_ffff;

function intBetween(min: number, max: number, what = 'an integer') {
  const error = `expected ${what} from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

const timeMs = () => intBetween(0, MAX_DURATION_MS, 'a whole number of milliseconds');

function numberBetween(min: number, max: number) {
  const error = `expected a number from ${min} to ${max}`;
  return z.number({ error }).min(min, { error }).max(max, { error });
}

const IPV4_OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4_PATTERN = new RegExp(`^${IPV4_OCTET}(\\.${IPV4_OCTET}){3}$`);

export function isIpv4(text: string): boolean {
  return IPV4_PATTERN.test(text);
}

/** "10.1.0.1:8080": what a node's store keys an instance by. */
export function isInstanceAddress(text: string): boolean {
  const colon = text.lastIndexOf(':');
  if (colon < 0 || !isIpv4(text.slice(0, colon))) return false;
  const port = text.slice(colon + 1);
  return /^[1-9][0-9]{0,4}$/.test(port) && Number(port) <= 65535;
}

/** Nacos refuses a name it cannot split back out of `group@@service`, or one with blanks. */
function isNamingName(text: string): boolean {
  return text.length > 0 && !text.includes(GROUP_SEPARATOR) && !/\s/.test(text);
}

const nonEmptyText = (what: string) =>
  z.string({ error: `expected ${what}` }).min(1, { error: `expected ${what}` });
const serviceName = z.string({ error: 'expected a service name' }).refine(isNamingName, {
  error: 'expected a service name that is not empty and has no "@@" or whitespace',
});
const groupName = z.string({ error: 'expected a group name' }).refine(isNamingName, {
  error: 'expected a group name that is not empty and has no "@@" or whitespace',
});
/** Cluster.validate in Nacos 1.x: CLUSTER_NAME_SYNTAX = [0-9a-zA-Z-]+. */
const clusterName = z
  .string({ error: 'expected a cluster name' })
  .regex(/^[0-9a-zA-Z-]+$/, { error: 'expected a cluster name of letters, digits and "-"' });
const ipAddress = z
  .string({ error: 'expected an IPv4 address' })
  .refine(isIpv4, { error: 'expected a dotted IPv4 address like 10.1.0.1' });
const port = intBetween(1, 65535);
const instanceAddress = z
  .string({ error: 'expected "ip:port"' })
  .refine(isInstanceAddress, { error: 'expected "ip:port" like "10.1.0.1:8080"' });
const nodeName = z
  .string({ error: 'expected a node name like n1' })
  .regex(NODE_NAME_PATTERN, { error: 'expected a node name like n1' });
const clientName = nonEmptyText('a client name');
const rate = numberBetween(0, 1);

/**
 * Timers that repeat, or retry forever, at these intervals: 0 would reschedule at the same
 * instant without end and the run would never advance.
 */
const POSITIVE_PARAMS: ReadonlySet<string> = new Set<keyof DistroConfig>([
  'syncRetryDelayMs',
  'delayEngineTickMs',
  'verifyIntervalMs',
  'loadRetryDelayMs',
  'memberProbeIntervalMs',
  'beatCheckIntervalMs',
  'clientBeatIntervalMs',
  'serviceStatusIntervalMs',
]);

function paramSchema(key: string, defaultValue: number | boolean) {
  if (typeof defaultValue === 'boolean') return z.boolean({ error: 'expected true or false' });
  const min = POSITIVE_PARAMS.has(key) ? 1 : 0;
  return intBetween(min, Number.MAX_SAFE_INTEGER, 'a whole number');
}

/** Built from the defaults so every DistroConfig key is accepted and nothing else. */
const paramsSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(DEFAULT_DISTRO_CONFIG).map(([key, value]) => [
      key,
      paramSchema(key, value).exactOptional(),
    ]),
  ),
) as unknown as z.ZodType<Partial<DistroConfig>>;

const linkFields = {
  latencyMs: timeMs().exactOptional(),
  jitterMs: timeMs().exactOptional(),
  lossRate: rate.exactOptional(),
  duplicateRate: rate.exactOptional(),
};

const clusterSchema = z.strictObject({
  nodes: intBetween(1, MAX_NODES),
  params: paramsSchema.default(() => ({})),
  link: z.strictObject(linkFields).default(() => ({})),
});

const at = { atMs: timeMs() };

const registerStep = z.strictObject({
  ...at,
  do: z.literal('register'),
  client: clientName,
  service: serviceName,
  group: groupName.default(DEFAULT_GROUP),
  ip: ipAddress,
  port,
  cluster: clusterName.default(DEFAULT_CLUSTER),
  weight: numberBetween(0, 10000).default(1),
  metadata: z.record(z.string(), z.string({ error: 'expected a string' })).default(() => ({})),
  via: nodeName.exactOptional(),
  lightBeat: z.boolean({ error: 'expected true or false' }).default(false),
});

const clientStep = <const Verb extends string>(verb: Verb) =>
  z.strictObject({ ...at, do: z.literal(verb), client: clientName });

const nodeStep = <const Verb extends string>(verb: Verb) =>
  z.strictObject({ ...at, do: z.literal(verb), node: nodeName });

const stepSchema = z.discriminatedUnion('do', [
  registerStep,
  clientStep('deregister'),
  clientStep('stopClient'),
  clientStep('resumeClient'),
  z.strictObject({
    ...at,
    do: z.literal('cutClient'),
    client: clientName,
    nodes: z.array(nodeName).min(1, { error: 'expected a non-empty list of node names' }),
  }),
  nodeStep('kill'),
  nodeStep('restart'),
  nodeStep('pause'),
  nodeStep('resume'),
  z.strictObject({ ...at, do: z.literal('addNode') }),
  z.strictObject({
    ...at,
    do: z.literal('partition'),
    groups: z
      .array(z.array(nodeName).min(1, { error: 'expected a non-empty list of node names' }))
      .min(2, { error: 'expected at least two groups' }),
  }),
  z.strictObject({ ...at, do: z.literal('cut'), from: nodeName, to: nodeName }),
  z.strictObject({ ...at, do: z.literal('heal') }),
  z.strictObject({
    ...at,
    do: z.literal('link'),
    ...linkFields,
    from: nodeName.exactOptional(),
    to: nodeName.exactOptional(),
  }),
]);

/** When a timed condition is watched and when it must first hold (see docs/SCENARIOS.md). */
const window = {
  sinceMs: timeMs().default(0),
  fromMs: timeMs().exactOptional(),
  byMs: timeMs().exactOptional(),
};

const instanceExpectation = z.strictObject({
  type: z.literal('instance'),
  service: serviceName,
  group: groupName.default(DEFAULT_GROUP),
  instance: instanceAddress,
  state: z.enum(['healthy', 'unhealthy', 'present', 'absent']),
  on: z
    .union([z.literal('all'), z.array(nodeName).min(1)], {
      error: 'expected "all" or a non-empty list of node names like ["n1", "n2"]',
    })
    .default('all'),
  ...window,
});

const memberExpectation = z.strictObject({
  type: z.literal('member'),
  observer: nodeName,
  subject: nodeName,
  state: z.enum(['UP', 'SUSPICIOUS', 'DOWN']),
  ...window,
});

const convergedExpectation = z.strictObject({
  type: z.literal('converged'),
  withinMs: timeMs(),
  afterMs: timeMs().exactOptional(),
});

const singleOwnerExpectation = z.strictObject({
  type: z.literal('singleOwner'),
  atEnd: z
    .literal(true, { error: 'expected true (ownership is checked at the end of the run)' })
    .default(true),
});

const expectationSchema = z.discriminatedUnion('type', [
  convergedExpectation,
  instanceExpectation,
  memberExpectation,
  singleOwnerExpectation,
]);

/**
 * Every protocol note a node can record (src/protocol/io.ts NoteCode). The type check
 * below fails to compile when io.ts gains a code this list does not have.
 */
export const NOTE_CODES = [
  'loadSucceeded',
  'loadFailed',
  'forwardRejected',
  'proxyFailed',
  'digestDropped',
  'digestIgnored',
  'staleKeyRemoved',
  'syncFailed',
  'beatNotFound',
] as const satisfies readonly NoteCode[];
export const NOTE_CODES_COMPLETE: [Exclude<NoteCode, (typeof NOTE_CODES)[number]>] extends [never]
  ? true
  : false = true;

const INSTANCE_CHANGES = [
  'added',
  'unhealthy',
  'healthy',
  'removed',
] as const satisfies readonly InstanceChange[];

/**
 * The section anchors of docs/PROTOCOL.md and docs/PROTOCOL.zh.md (the same in both) that
 * a narration card may link to; test/scenarios.test.ts checks both files define them.
 */
export const PROTOCOL_ANCHORS = [
  'problem',
  'replication',
  'mapper',
  'filter',
  'sync',
  'verify',
  'beats',
  'members',
  'load',
  'partition',
  'health',
] as const;

const memberTrigger = z.strictObject({
  observer: nodeName.exactOptional(),
  subject: nodeName.exactOptional(),
  state: z.enum(['UP', 'SUSPICIOUS', 'DOWN']),
});

const instanceTrigger = z.strictObject({
  node: nodeName.exactOptional(),
  service: serviceName,
  group: groupName.default(DEFAULT_GROUP),
  instance: instanceAddress.exactOptional(),
  change: z.enum(INSTANCE_CHANGES),
});

const noteTrigger = z.strictObject({
  node: nodeName.exactOptional(),
  code: z.enum(NOTE_CODES),
});

const stepIndex = z
  .int({ error: 'expected a step index (0 is the first step)' })
  .min(0, { error: 'expected a step index (0 is the first step)' });

export type MemberTrigger = z.output<typeof memberTrigger>;
export type InstanceTrigger = z.output<typeof instanceTrigger>;
export type NoteTrigger = z.output<typeof noteTrigger>;
export const TRIGGER_KINDS = ['member', 'instance', 'note', 'step'] as const;
/**
 * What a card waits for: exactly one kind of event (rules.ts checks it), the first one at or
 * after `sinceMs` (default 0).
 */
export type NarrationWhen = (
  | { readonly member: MemberTrigger }
  | { readonly instance: InstanceTrigger }
  | { readonly note: NoteTrigger }
  | { readonly step: number }
) & { readonly sinceMs?: number };

/** All four kinds are optional here so a mistake gets one clear line from rules.ts. */
const whenSchema = z
  .strictObject({
    member: memberTrigger.exactOptional(),
    instance: instanceTrigger.exactOptional(),
    note: noteTrigger.exactOptional(),
    step: stepIndex.exactOptional(),
    sinceMs: timeMs().exactOptional(),
  })
  .transform((when) => when as NarrationWhen);

const cardText = (language: string) =>
  z
    .string({ error: `expected ${language} text` })
    .refine((text) => text.trim().length > 0, { error: `expected ${language} text that is not empty` });

/** A section of the behaviour reference ("§12.4") or a Nacos issue or PR ("alibaba/nacos#1873"). */
const REF_PATTERN = /^(§[1-9][0-9]*(\.[1-9][0-9]*)*|alibaba\/nacos#[1-9][0-9]*)$/;
const ANCHOR_SET: ReadonlySet<string> = new Set(PROTOCOL_ANCHORS.map((anchor) => `#${anchor}`));

const narrationCard = z.strictObject({
  en: cardText('English'),
  zh: cardText('Chinese'),
  atMs: timeMs().exactOptional(),
  when: whenSchema.exactOptional(),
  ref: z
    .string({ error: 'expected a reference like "§12.4" or "alibaba/nacos#1873"' })
    .regex(REF_PATTERN, { error: 'expected a reference like "§12.4" or "alibaba/nacos#1873"' })
    .exactOptional(),
  doc: z
    .string({ error: 'expected a docs/PROTOCOL.md anchor like "#verify"' })
    .refine((anchor) => ANCHOR_SET.has(anchor), {
      error: `expected a docs/PROTOCOL.md anchor: one of ${[...ANCHOR_SET].join(', ')}`,
    })
    .exactOptional(),
});

export type NarrationCard = z.output<typeof narrationCard>;

const scenarioShape = z.strictObject({
  name: nonEmptyText('a name'),
  description: z
    .strictObject({ en: z.string().exactOptional(), zh: z.string().exactOptional() })
    .exactOptional(),
  seed: intBetween(0, MAX_SEED),
  cluster: clusterSchema,
  durationMs: intBetween(1, MAX_DURATION_MS, 'a whole number of milliseconds'),
  steps: z.array(stepSchema).default(() => []),
  expect: z.array(expectationSchema).default(() => []),
  narration: z.array(narrationCard).default(() => []),
});

type ScenarioShape = z.output<typeof scenarioShape>;
type RawExpectation = z.output<typeof expectationSchema>;
type Window = { readonly fromMs: number; readonly byMs: number };

export type InstanceExpectation = z.output<typeof instanceExpectation> & Window;
export type MemberExpectation = z.output<typeof memberExpectation> & Window;
export type ConvergedExpectation = z.output<typeof convergedExpectation> & { readonly afterMs: number };
export type SingleOwnerExpectation = z.output<typeof singleOwnerExpectation>;
export type Expectation =
  | ConvergedExpectation
  | InstanceExpectation
  | MemberExpectation
  | SingleOwnerExpectation;
export type Step = z.output<typeof stepSchema>;
export type StepVerb = Step['do'];
export type ClusterSpec = z.output<typeof clusterSchema>;
export type Scenario = Omit<ScenarioShape, 'expect'> & { readonly expect: readonly Expectation[] };

/** Defaults that depend on the rest of the file: the last step's time and the run's end. */
function resolveExpectation(raw: RawExpectation, lastStepMs: number, durationMs: number): Expectation {
  switch (raw.type) {
    case 'converged':
      return { ...raw, afterMs: raw.afterMs ?? lastStepMs };
    case 'instance':
    case 'member':
      return { ...raw, fromMs: raw.fromMs ?? raw.sinceMs, byMs: raw.byMs ?? durationMs };
    case 'singleOwner':
      return raw;
  }
}

function resolveDefaults(shape: ScenarioShape): Scenario {
  const lastStepMs = shape.steps.reduce((latest, step) => Math.max(latest, step.atMs), 0);
  return {
    ...shape,
    expect: shape.expect.map((raw) => resolveExpectation(raw, lastStepMs, shape.durationMs)),
  };
}

/** Validates the shape of a scenario and fills in every default. */
export const scenarioSchema = scenarioShape.transform(resolveDefaults);
