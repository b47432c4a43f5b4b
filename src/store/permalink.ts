import { BUILTIN_SCENARIOS, builtinScenario } from '../scenarios/builtins.ts';
import type { Scenario, Step } from '../scenarios/schema.ts';
import type { SessionConfig } from '../workers/simService.ts';

/**
 * Permalinks: a run in the URL's fragment, so opening the link replays the same run to the
 * same point without any server.
 *
 *     https://…/#run=1.<base64url(deflate-raw(JSON))>
 *
 * `1` is the format version (outside the compressed data, so a future format can change
 * even the compression). The JSON is `{ "scenario": <a scenario file>, "atMs": <now> }`:
 * a session's recording *is* a scenario (seed, cluster, every user action as a timed step),
 * so a link is validated exactly like a file, with the same error lines. A guided scenario
 * that nobody took over travels as itself instead, and opens guided: `{ "builtin": <id>,
 * "atMs" }` for a built-in, `{ "scenario", "guided": true, "atMs" }` for any other.
 */

/** The link format this playground writes and reads. */
export const PERMALINK_VERSION = 1;
/** The fragment parameter: `#run=…`. */
export const PERMALINK_PARAM = 'run';
/** The name a linked run's scenario carries (and the source name of its error lines). */
export const PERMALINK_SOURCE = 'link';
/** A link unpacks to at most this much JSON: a tampered link cannot make the page inflate gigabytes. */
export const MAX_UNPACKED_BYTES = 4_000_000;
/** The longest run a scenario may describe (schema.ts MAX_DURATION_MS). */
const MAX_RUN_MS = 86_400_000;

/** The run so far, as the sim worker's `recording()` gives it. */
export interface RunRecording {
  readonly config: SessionConfig;
  readonly steps: readonly Step[];
  readonly nowMs: number;
  /**
   * The guided scenario the run is playing, when nobody took it over: the link then opens
   * it guided, narration and verdicts included, at the same moment.
   */
  readonly guided?: { readonly id: string | null; readonly scenario: Scenario } | null;
}

/** What a link holds: a validated scenario and the virtual time to replay it to. */
export interface LinkedRun {
  readonly scenario: Scenario;
  readonly atMs: number;
  /** Open it as a guided scenario (the built-in's id, or null for one carried whole); null: a plain replay. */
  readonly guided: { readonly id: string | null } | null;
}

/**
 * Why a link could not be read, from the outside in: `format` (no `<version>.<data>`),
 * `version` (a format this playground does not read), `base64` (characters a link never
 * has), `compression` (the data does not unpack), `tooLarge`, `json` (it unpacks to
 * something that is not JSON), `invalid` (JSON that is not a replayable run: `errors` has
 * the validator's lines).
 */
export type PermalinkProblem =
  | 'format'
  | 'version'
  | 'base64'
  | 'compression'
  | 'tooLarge'
  | 'json'
  | 'invalid';

export type PermalinkRead =
  | { readonly ok: true; readonly run: LinkedRun }
  | {
      readonly ok: false;
      readonly problem: PermalinkProblem;
      /** The version the link claims, for `version`. */
      readonly version?: string;
      /** Validation lines for `invalid` (`link: steps[2].node: expected a node name like n1, got 7`). */
      readonly errors: readonly string[];
    };

// ---------------------------------------------------------------------------------------
// The recording as a scenario.

/** Defaults the schema fills in for a register step: left out of links and files to keep them short. */
const REGISTER_DEFAULTS: Readonly<Record<string, unknown>> = {
  group: 'DEFAULT_GROUP',
  cluster: 'DEFAULT',
  weight: 1,
  lightBeat: false,
};

/** A step as a person would write it: without the values the schema fills in anyway. */
export function compactStep(step: Step): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(step)) {
    if (step.do === 'register') {
      if (REGISTER_DEFAULTS[key] === value) continue;
      if (
        key === 'metadata' &&
        value !== null &&
        typeof value === 'object' &&
        Object.keys(value).length === 0
      )
        continue;
    }
    out[key] = value;
  }
  return out;
}

/**
 * The run so far as a scenario file: its seed, its cluster and every action at its time,
 * ending now. `npm run sim` runs it; loading it replays the same trace.
 */
export function recordingToScenario(
  recording: RunRecording,
  name = `Playground run: seed ${recording.config.seed}, ${recording.config.nodeCount} nodes`,
): Record<string, unknown> {
  const { config } = recording;
  const cluster: Record<string, unknown> = { nodes: config.nodeCount };
  if (config.params && Object.keys(config.params).length > 0) cluster.params = config.params;
  if (config.link && Object.keys(config.link).length > 0) cluster.link = config.link;
  return {
    name,
    seed: config.seed,
    cluster,
    // A scenario lasts at least 1 ms; a run still at 0 replays to 0 all the same (atMs).
    durationMs: Math.max(1, recording.nowMs),
    steps: recording.steps.map(compactStep),
  };
}

// ---------------------------------------------------------------------------------------
// Encoding.

/** The fragment value for a run: `1.<data>`. */
export async function encodeRun(recording: RunRecording): Promise<string> {
  const atMs = recording.nowMs;
  const guided = recording.guided;
  // A built-in travels by its id (the page has it); any other guided scenario travels whole.
  const payload = guided
    ? guided.id !== null
      ? { builtin: guided.id, atMs }
      : { scenario: guided.scenario, guided: true, atMs }
    : { scenario: recordingToScenario(recording, 'Shared run'), atMs };
  const packed = await pipeBytes(
    new TextEncoder().encode(JSON.stringify(payload)),
    new CompressionStream('deflate-raw'),
  );
  return `${PERMALINK_VERSION}.${toBase64Url(packed)}`;
}

/**
 * The link that opens this run: `base` (the page's address by default) without its query
 * and fragment, plus `#run=…`. Embed and automation parameters are not carried over: the
 * link opens the full playground.
 */
export async function permalinkFor(recording: RunRecording, base: string = location.href): Promise<string> {
  const url = new URL(base);
  url.search = '';
  url.hash = `${PERMALINK_PARAM}=${await encodeRun(recording)}`;
  return url.toString();
}

// ---------------------------------------------------------------------------------------
// Decoding.

/**
 * The `run` value of a URL, a fragment (`#run=…`) or the bare value (`1.…`); null when
 * there is no run in it.
 */
export function runValueOf(text: string): string | null {
  const trimmed = text.trim();
  const hashAt = trimmed.indexOf('#');
  const fragment = hashAt >= 0 ? trimmed.slice(hashAt + 1) : trimmed;
  if (/^\d+\./.test(fragment)) return fragment;
  const params = new URLSearchParams(fragment);
  return params.has(PERMALINK_PARAM) ? (params.get(PERMALINK_PARAM) ?? '') : null;
}

/** Reads a link's run value (`1.<data>`). Never throws: every failure says what was wrong. */
export async function decodeRun(value: string): Promise<PermalinkRead> {
  const dot = value.indexOf('.');
  if (dot <= 0) return fail('format');
  const version = value.slice(0, dot);
  if (!/^\d+$/.test(version)) return fail('format');
  if (Number(version) !== PERMALINK_VERSION) return { ok: false, problem: 'version', version, errors: [] };
  // A link cut short can end in a character that is half a byte: drop it, and let the
  // decompression say the data is incomplete.
  const data = value.slice(dot + 1);
  const bytes = fromBase64Url(data.length % 4 === 1 ? data.slice(0, -1) : data);
  if (bytes === null) return fail('base64');
  if (bytes.length === 0) return fail('format');
  let text: string;
  try {
    const unpacked = await pipeBytes(bytes, new DecompressionStream('deflate-raw'), MAX_UNPACKED_BYTES);
    text = new TextDecoder('utf-8', { fatal: true }).decode(unpacked);
  } catch (error) {
    return fail(error instanceof TooLarge ? 'tooLarge' : 'compression');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return fail('json');
  }
  return checkPayload(payload);
}

/** Reads the run in a URL or fragment; null when it has none. */
export async function readPermalink(text: string): Promise<PermalinkRead | null> {
  const value = runValueOf(text);
  return value === null ? null : decodeRun(value);
}

/**
 * The payload's envelope, then the scenario inside it. The scenario is checked by
 * parseScenarioValue with the source name `link`, so its lines read like a file's
 * (`link: steps[2].node: expected a node name like n1, got 7`).
 */
async function checkPayload(payload: unknown): Promise<PermalinkRead> {
  // The validator (and zod) load only when a link is opened.
  const { parseScenarioValue } = await import('../scenarios/parse.ts');
  const where = PERMALINK_SOURCE;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return fail('invalid', [`${where}: expected an object with "scenario" and "atMs"`]);
  }
  const { scenario, atMs, builtin, guided, ...rest } = payload as Record<string, unknown>;
  const errors = Object.keys(rest).map((key) => `${where}: ${key}: unknown key`);
  if (guided !== undefined && guided !== true)
    errors.push(`${where}: guided: expected true, got ${JSON.stringify(guided)}`);
  let parsed: ReturnType<typeof parseScenarioValue> | null = null;
  let builtinId: string | null = null;
  if (builtin !== undefined) {
    const found = typeof builtin === 'string' ? builtinScenario(builtin) : undefined;
    if (found) {
      builtinId = found.id;
      parsed = { ok: true, scenario: found.scenario };
    } else {
      const ids = BUILTIN_SCENARIOS.map((entry) => entry.id).join(', ');
      errors.push(
        `${where}: builtin: expected a built-in scenario's id (${ids}), got ${JSON.stringify(builtin)}`,
      );
    }
    if (scenario !== undefined) errors.push(`${where}: scenario: not expected with builtin`);
    if (guided !== undefined) errors.push(`${where}: guided: not expected with builtin`);
  } else {
    parsed = scenario === undefined ? null : parseScenarioValue(scenario, where);
    if (parsed === null) errors.push(`${where}: scenario: missing (expected a scenario)`);
    else if (!parsed.ok) errors.push(...parsed.errors);
  }
  const duration = parsed?.ok ? parsed.scenario.durationMs : MAX_RUN_MS;
  if (typeof atMs !== 'number' || !Number.isInteger(atMs) || atMs < 0 || atMs > duration) {
    const got = atMs === undefined ? 'missing' : `got ${JSON.stringify(atMs)}`;
    errors.push(`${where}: atMs: expected a whole number of milliseconds from 0 to ${duration}, ${got}`);
  }
  if (errors.length > 0 || !parsed?.ok) return fail('invalid', errors);
  const opensGuided = builtinId !== null || guided === true;
  return {
    ok: true,
    run: { scenario: parsed.scenario, atMs: atMs as number, guided: opensGuided ? { id: builtinId } : null },
  };
}

function fail(problem: PermalinkProblem, errors: readonly string[] = []): PermalinkRead {
  return { ok: false, problem, errors };
}

// ---------------------------------------------------------------------------------------
// Bytes.

class TooLarge extends Error {}

/** Pushes bytes through a (de)compression stream; stops at `limit` output bytes. */
async function pipeBytes(
  input: Uint8Array,
  transform: TransformStream<BufferSource, Uint8Array>,
  limit = Number.POSITIVE_INFINITY,
): Promise<Uint8Array> {
  const reader = new Blob([input as BlobPart]).stream().pipeThrough(transform).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** RFC 4648 §5 without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes, or null when the text is not base64url (padding is tolerated). */
export function fromBase64Url(text: string): Uint8Array | null {
  const body = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) return null;
  try {
    const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
