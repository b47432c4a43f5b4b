import { z } from 'zod';

import { NODE_NAME_PATTERN } from '../scenarios/names.ts';
import { formatPath } from '../scenarios/parse.ts';
import { guidedFor, resolveScenario, ScenarioError, usePlayer } from './scenarioPlayer.ts';
import { act, pause, play, runUntil, setSpeed, settle, startScenario, stepEvent } from './simController.ts';
import { SPEEDS, useSim } from './simStore.ts';

/**
 * The embed's postMessage protocol (docs/EMBED.md): the commands a host page may send, each
 * checked against a schema (a bad one gets lines that name the field and what was expected),
 * how each is carried out, and the events and state the host receives. embedApi.ts is the
 * window's side: origins, replies, throttled frames.
 */

/** Bumped when a command or event changes incompatibly; sent in `distro:ready`. */
export const EMBED_PROTOCOL_VERSION = 1;

const MAX_VIRTUAL_MS = 86_400_000;

const nodeName = z
  .string({ error: 'expected a node name like "n1"' })
  .regex(NODE_NAME_PATTERN, { error: 'expected a node name like "n1"' });
const id = z
  .string({ error: 'expected a string (your id for the reply)' })
  .max(200, { error: 'expected at most 200 characters' })
  .exactOptional();

const bare = <const T extends string>(type: T) => z.strictObject({ type: z.literal(type), id });

/** Every command a host may send. Each variant's fields are documented in docs/EMBED.md. */
const commandSchema = z.discriminatedUnion('type', [
  /** Start the play loop at the current speed. */
  bare('distro:play'),
  /** Stop the play loop. */
  bare('distro:pause'),
  /** Run the next lock-step window that has anything in it. */
  bare('distro:step'),
  /** Kill a node: its process dies and its host refuses connections. */
  z.strictObject({ type: z.literal('distro:kill'), id, node: nodeName }),
  /** Start a fresh process on a node's address. */
  z.strictObject({ type: z.literal('distro:restart'), id, node: nodeName }),
  /** Split the network into groups of nodes (every node in exactly one group). */
  z.strictObject({
    type: z.literal('distro:partition'),
    id,
    groups: z
      .array(
        z
          .array(nodeName, { error: 'expected a list of node names like ["n1", "n2"]' })
          .min(1, { error: 'expected a non-empty list of node names' }),
        { error: 'expected a list of groups like [["n1"], ["n2", "n3"]]' },
      )
      .min(2, { error: 'expected at least two groups' }),
  }),
  /** Remove the partition and every cut. */
  bare('distro:heal'),
  /** Start a scenario (guided) at t = 0: a built-in's id, scenario JSON text or a scenario object. */
  z.strictObject({
    type: z.literal('distro:loadScenario'),
    id,
    scenario: z.union([z.string().min(1), z.record(z.string(), z.unknown())], {
      error: 'expected a built-in scenario id like "owner-killed", or a scenario object',
    }),
  }),
  /** Run (or travel back) to a virtual time in ms, as fast as possible. */
  z.strictObject({
    type: z.literal('distro:runUntil'),
    id,
    ms: z
      .int({ error: `expected a whole number of milliseconds from 0 to ${MAX_VIRTUAL_MS}` })
      .min(0, { error: `expected a whole number of milliseconds from 0 to ${MAX_VIRTUAL_MS}` })
      .max(MAX_VIRTUAL_MS, { error: `expected a whole number of milliseconds from 0 to ${MAX_VIRTUAL_MS}` }),
  }),
  /** Virtual ms per wall ms: one of the speeds the controls offer. */
  z.strictObject({
    type: z.literal('distro:speed'),
    id,
    speed: z
      .number({ error: `expected one of ${SPEEDS.join(', ')}` })
      .refine((value) => SPEEDS.includes(value as never), {
        error: `expected one of ${SPEEDS.join(', ')}`,
      }),
  }),
]);

export type EmbedCommand = z.output<typeof commandSchema>;
export type EmbedCommandType = EmbedCommand['type'];
export const EMBED_COMMANDS: readonly EmbedCommandType[] = commandSchema.options.map(
  (option) => option.shape.type.value,
);

/** The state a host sees: in every `distro:frame`, `distro:ready` and `distro:result`. */
export interface EmbedState {
  /** Virtual time, ms. */
  readonly nowMs: number;
  /** Every running node holds exactly what the clients registered. */
  readonly converged: boolean;
  readonly playing: boolean;
  readonly speed: number;
  readonly nodes: readonly { readonly name: string; readonly status: string }[];
  /** The guided scenario being played, or null. */
  readonly scenario: { readonly id: string | null; readonly name: string } | null;
}

/** Every event the page sends to its host. */
export type EmbedEvent =
  /** The playground is running and listens: sent once, when the first run is ready. */
  | ({
      readonly type: 'distro:ready';
      readonly version: number;
      readonly commands: readonly string[];
      /** The built-in scenarios' ids, for `distro:loadScenario`. */
      readonly scenarios: readonly string[];
    } & EmbedState)
  /** What changed, at most 4 times a second. */
  | ({ readonly type: 'distro:frame' } & EmbedState)
  /** A command with an `id` was carried out; the state after it. */
  | ({ readonly type: 'distro:result'; readonly id: string; readonly command: EmbedCommandType } & EmbedState)
  /** A command was refused: `message` says what was wrong (one line per problem in `errors`). */
  | {
      readonly type: 'distro:error';
      readonly id?: string;
      readonly command?: string;
      readonly message: string;
      readonly errors: readonly string[];
    };

export function embedState(): EmbedState {
  const state = useSim.getState();
  const frame = state.frame;
  const guided = guidedFor(usePlayer.getState().guided, frame);
  return {
    nowMs: frame?.nowMs ?? 0,
    converged: frame?.convergence.converged ?? false,
    playing: state.playing,
    speed: state.speed,
    nodes: frame?.nodes.map((node) => ({ name: node.name, status: node.status })) ?? [],
    scenario: guided && frame?.scenario ? { id: guided.id, name: frame.scenario.name } : null,
  };
}

// ---------------------------------------------------------------------------------------
// Checking a message.

export type Checked =
  | { ok: true; command: EmbedCommand }
  | { ok: false; id?: string; command?: string; errors: string[] };

/** A message's data → a command, or the lines that say what is wrong with it. Never throws. */
export function checkCommand(data: unknown): Checked {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      errors: [`message: expected an object like { "type": "distro:play" }, got ${show(data)}`],
    };
  }
  const record = data as Record<string, unknown>;
  const replyId = typeof record.id === 'string' && record.id.length <= 200 ? record.id : undefined;
  const type = record.type;
  const base = replyId === undefined ? {} : { id: replyId };
  if (typeof type !== 'string' || !(EMBED_COMMANDS as readonly string[]).includes(type)) {
    const got = type === undefined ? 'missing' : `got ${show(type)}`;
    return { ok: false, ...base, errors: [`type: expected one of ${EMBED_COMMANDS.join(', ')}, ${got}`] };
  }
  const result = commandSchema.safeParse(data);
  if (result.success) return { ok: true, command: result.data };
  const errors = result.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${key}: unknown field`);
    const value = valueAt(data, issue.path);
    const where = formatPath(issue.path);
    return [
      value === undefined
        ? `${where}: missing (${issue.message})`
        : `${where}: ${issue.message}, got ${show(value)}`,
    ];
  });
  return { ok: false, ...base, command: type, errors };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? JSON.stringify(value)
      : typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

// ---------------------------------------------------------------------------------------
// Carrying a command out.

export class Refused extends Error {
  constructor(readonly errors: readonly string[]) {
    super(errors.join('\n'));
  }
}

async function applied(outcome: Promise<{ ok: boolean; errors: readonly string[] }>): Promise<void> {
  const result = await outcome;
  if (!result.ok) throw new Refused(result.errors);
}

/** Runs one command; a refusal throws Refused with the simulator's lines. */
export async function runCommand(command: EmbedCommand): Promise<void> {
  switch (command.type) {
    case 'distro:play':
      play();
      return;
    case 'distro:pause':
      pause();
      await settle();
      return;
    case 'distro:step':
      await stepEvent();
      return;
    case 'distro:kill':
      return applied(act({ do: 'kill', node: command.node }, 'embed'));
    case 'distro:restart':
      return applied(act({ do: 'restart', node: command.node }, 'embed'));
    case 'distro:partition':
      return applied(act({ do: 'partition', groups: command.groups }, 'embed'));
    case 'distro:heal':
      return applied(act({ do: 'heal' }, 'embed'));
    case 'distro:loadScenario': {
      let resolved: ReturnType<typeof resolveScenario>;
      try {
        resolved = resolveScenario(command.scenario, 'scenario');
      } catch (error) {
        throw new Refused(error instanceof ScenarioError ? error.errors : [String(error)]);
      }
      await startScenario(resolved.scenario, resolved.id);
      return;
    }
    case 'distro:runUntil':
      await runUntil(command.ms);
      return;
    case 'distro:speed':
      setSpeed(command.speed);
      return;
  }
}
