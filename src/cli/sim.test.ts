import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from './sim.ts';

describe('parseArgs', () => {
  it('takes one file and the flags in any order', () => {
    expect(parseArgs(['--json', 'a.json', '--seed', '42', '--out', 'r.json'])).toEqual({
      ok: true,
      args: { file: 'a.json', json: true, seed: 42, out: 'r.json' },
    });
    expect(parseArgs(['a.json', '--seed=7'])).toEqual({
      ok: true,
      args: { file: 'a.json', json: false, seed: 7 },
    });
  });

  it('refuses bad input with a clear message', () => {
    expect(parseArgs([])).toEqual({ ok: false, error: 'no scenario file given' });
    expect(parseArgs(['a.json', 'b.json'])).toEqual({ ok: false, error: 'give exactly one scenario file' });
    expect(parseArgs(['a.json', '--verbose'])).toEqual({ ok: false, error: 'unknown option --verbose' });
    expect(parseArgs(['a.json', '--seed', '1.5'])).toEqual({
      ok: false,
      error: '--seed must be an integer from 0 to 4294967295, got "1.5"',
    });
    expect(parseArgs(['a.json', '--seed'])).toEqual({ ok: false, error: '--seed needs a value' });
    expect(parseArgs(['a.json', '--out'])).toEqual({ ok: false, error: '--out needs a file name' });
  });

  it('answers --help', () => {
    expect(parseArgs(['a.json', '--help'])).toEqual({ ok: 'help' });
  });
});

const SCENARIO = {
  name: 'one client registers',
  seed: 1,
  cluster: { nodes: 3 },
  durationMs: 10_000,
  steps: [{ atMs: 0, do: 'register', client: 'c', service: 'orders', ip: '10.1.0.1', port: 8080 }],
  expect: [{ type: 'instance', service: 'orders', instance: '10.1.0.1:8080', state: 'present', byMs: 5000 }],
};

function sim(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the sim command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  const write = (name: string, value: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };

  it('exits 0 with a summary when every expectation passes, and writes --out', () => {
    const out = join(dir, 'report.json');
    const { code, stdout } = sim(write('ok.json', SCENARIO), '--out', out);
    expect(stdout).toContain('one client registers: PASSED (seed 1, ran to 10.0 s)');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({
      scenario: 'one client registers',
      passed: true,
    });
  });

  it('exits 1 when an expectation fails, and prints JSON with --json', () => {
    const failing = { ...SCENARIO, expect: [{ ...SCENARIO.expect[0], state: 'absent', sinceMs: 5000 }] };
    const { code, stdout } = sim(write('fail.json', failing), '--json', '--seed', '9');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ seed: 9, passed: false });
  });

  it('exits 2 on a bad file, one error per line, no stack trace', () => {
    const { code, stderr } = sim(write('bad.json', '{"name": "x",}'));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toEqual([
      `${join(dir, 'bad.json')}:1:14: invalid JSON: trailing comma before "}"`,
    ]);
  });

  it('exits 2 on bad arguments, with the usage line', () => {
    const { code, stderr } = sim('--seed', 'x');
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run sim -- <scenario.json>');
  });
});
