import type { z } from 'zod';
import { findJsonSyntaxError, lineAndColumn } from './jsonSyntax.ts';
import { checkScenario, type ScenarioIssue } from './rules.ts';
import { type Scenario, scenarioSchema } from './schema.ts';

/**
 * Scenario text → a validated Scenario, or one error per line that names the file, the
 * place in it as a person reads it (`steps[3].port`), what was expected and what is there.
 * Never throws and never shows a stack trace: the same messages go to the CLI, the
 * browser's scenario editor and the permalink loader.
 */
export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

type PathKey = PropertyKey;

export function parseScenario(text: string, sourceName: string): ParseResult {
  // An editor's byte-order mark is not part of the JSON.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, errors: [jsonError(body, sourceName, error)] };
  }
  return parseScenarioValue(value, sourceName);
}

/** For JSON that is already parsed: imported built-ins, permalinks, postMessage. */
export function parseScenarioValue(value: unknown, sourceName: string): ParseResult {
  const result = scenarioSchema.safeParse(value, { error: defaultMessage });
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.flatMap((issue) => schemaLines(issue, value, sourceName)),
    };
  }
  const issues = checkScenario(result.data);
  if (issues.length > 0) return { ok: false, errors: issues.map((issue) => ruleLine(issue, sourceName)) };
  return { ok: true, scenario: result.data };
}

function jsonError(text: string, sourceName: string, error: unknown): string {
  const found = findJsonSyntaxError(text) ?? engineError(text, error);
  const { line, column } = lineAndColumn(text, found.offset);
  return `${sourceName}:${line}:${column}: invalid JSON: ${found.message}`;
}

/** What the engine said, when the scanner saw nothing wrong (a bad escape, say). */
function engineError(text: string, error: unknown): { offset: number; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  return {
    offset: position ? Number(position[1]) : text.length,
    message: message.replace(/ in JSON at position \d+.*$/s, ''),
  };
}

const TYPE_NOUNS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
};

/** Messages for the issues whose schema carries none, in the file's "expected …" style. */
function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NOUNS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}`;
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? `expected ${oneOf(issue.options)}`
        : undefined;
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${issue.minimum} item(s)`
        : `expected at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `expected at most ${issue.maximum} item(s)`
        : `expected at most ${issue.maximum}`;
    default:
      return undefined;
  }
}

function oneOf(values: readonly unknown[]): string {
  const words = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  return words.length === 1 ? `${JSON.stringify(values[0])}` : `one of ${words.join(', ')}`;
}

function schemaLines(issue: z.core.$ZodIssue, root: unknown, sourceName: string): string[] {
  // An unknown key is reported where it is, one line each: `steps[2].fooMs: unknown key`.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${sourceName}: ${formatPath([...issue.path, key])}: unknown key`);
  }
  const value = valueAt(root, issue.path);
  const place = `${sourceName}: ${formatPath(issue.path)}`;
  if (value === undefined) return [`${place}: missing (${issue.message})`];
  return [`${place}: ${issue.message}, got ${showValue(value)}`];
}

function ruleLine(issue: ScenarioIssue, sourceName: string): string {
  return `${sourceName}: ${formatPath(issue.path)}: ${issue.message}`;
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** `steps[3].port`, `cluster.params`, `metadata["app name"]`; the root is "(top level)". */
export function formatPath(path: readonly PathKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(name)) return index === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}

function showValue(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
