import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseScenario } from '../scenarios/parse.ts';
import { formatSummary } from '../scenarios/report.ts';
import { runScenario } from '../scenarios/run.ts';
import { createWorld } from '../sim/world.ts';

/**
 * npm run sim -- <scenario.json> [--seed N] [--json] [--out file]
 *
 * Exit codes: 0 every expectation passed, 1 one failed (or a narration card never fired), 2 bad arguments or a bad scenario
 * file, 3 the simulator itself failed (a bug: the stack trace is printed).
 */
const USAGE = 'usage: npm run sim -- <scenario.json> [--seed N] [--json] [--out report.json]';

const EXIT_FAILED = 1;
const EXIT_BAD_INPUT = 2;
const EXIT_INTERNAL = 3;

interface CliArgs {
  readonly file: string;
  readonly seed?: number;
  readonly json: boolean;
  readonly out?: string;
}

type ArgsResult = { ok: true; args: CliArgs } | { ok: false; error: string } | { ok: 'help' };

function parseSeed(text: string | undefined): number | string {
  if (text === undefined) return '--seed needs a value';
  if (!/^[0-9]+$/.test(text) || Number(text) > 0xffff_ffff) {
    return `--seed must be an integer from 0 to 4294967295, got ${JSON.stringify(text)}`;
  }
  return Number(text);
}

export function parseArgs(argv: readonly string[]): ArgsResult {
  const files: string[] = [];
  let seed: number | undefined;
  let json = false;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    if (flag === '--help' || flag === '-h') return { ok: 'help' };
    if (flag === '--json') json = true;
    else if (flag === '--seed') {
      const parsed = parseSeed(inline ?? argv[++i]);
      if (typeof parsed === 'string') return { ok: false, error: parsed };
      seed = parsed;
    } else if (flag === '--out') {
      out = inline ?? argv[++i];
      if (out === undefined || out === '') return { ok: false, error: '--out needs a file name' };
    } else if (arg.startsWith('-')) return { ok: false, error: `unknown option ${arg}` };
    else files.push(arg);
  }
  if (files.length !== 1) {
    return {
      ok: false,
      error: files.length === 0 ? 'no scenario file given' : 'give exactly one scenario file',
    };
  }
  const args: CliArgs = {
    file: files[0]!,
    json,
    ...(seed === undefined ? {} : { seed }),
    ...(out ? { out } : {}),
  };
  return { ok: true, args };
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}

function writeText(file: string, text: string): boolean {
  try {
    writeFileSync(file, text);
    return true;
  } catch (error) {
    process.stderr.write(
      `${file}: cannot write: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return false;
  }
}

function main(argv: readonly string[]): number {
  const parsed = parseArgs(argv);
  if (parsed.ok === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error}\n${USAGE}\n`);
    return EXIT_BAD_INPUT;
  }
  const { file, seed, json, out } = parsed.args;
  const text = readText(file);
  if (text === null) return EXIT_BAD_INPUT;
  const scenario = parseScenario(text, file);
  if (!scenario.ok) {
    process.stderr.write(scenario.errors.map((line) => `${line}\n`).join(''));
    return EXIT_BAD_INPUT;
  }
  const report = runScenario(scenario.scenario, createWorld, seed === undefined ? {} : { seed });
  const reportJson = `${JSON.stringify(report, null, 2)}\n`;
  if (out !== undefined && !writeText(out, reportJson)) return EXIT_BAD_INPUT;
  process.stdout.write(json ? reportJson : `${formatSummary(report)}\n`);
  return report.passed ? 0 : EXIT_FAILED;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && import.meta.url === pathToFileURL(script).href;
}

// Run only as a program, so tests can import parseArgs.
if (isEntryPoint()) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT_INTERNAL;
  }
}
