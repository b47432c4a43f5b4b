import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenarios/builtins.ts';
import { parseScenarioValue } from '../scenarios/parse.ts';
import { InProcessRuntime } from '../sim/inProcessRuntime.ts';
import { SimService } from '../workers/simService.ts';
import {
  decodeRun,
  encodeRun,
  fromBase64Url,
  PERMALINK_VERSION,
  permalinkFor,
  readPermalink,
  recordingToScenario,
  runValueOf,
  toBase64Url,
} from './permalink.ts';

const session = () => new SimService(() => new InProcessRuntime(), 'in-process');

/** A run with actions at odd times, paced in uneven slices as a person would. */
async function someRun(): Promise<SimService> {
  const service = session();
  await service.reset({ seed: 11, nodeCount: 4, link: { latencyMs: 30, jitterMs: 10 } });
  await service.act({
    do: 'register',
    client: 'a',
    service: 'orders',
    ip: '10.1.0.1',
    port: 8080,
    via: 'n2',
  });
  await service.act({
    do: 'register',
    client: 'b',
    service: 'users',
    ip: '10.1.0.2',
    port: 7070,
    metadata: { zone: 'a' },
  });
  await service.advance(3_217);
  await service.act({ do: 'kill', node: 'n3' });
  await service.advance(9_001);
  await service.act({
    do: 'partition',
    groups: [
      ['n1', 'n2'],
      ['n3', 'n4'],
    ],
  });
  await service.advance(4_444);
  await service.act({ do: 'heal' });
  await service.advance(7_777);
  return service;
}

async function pack(json: string): Promise<string> {
  const stream = new Blob([new TextEncoder().encode(json)])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return `${PERMALINK_VERSION}.${toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

describe('permalinks', () => {
  it('replays the same trace to the same time', async () => {
    const original = await someRun();
    const recording = original.recording();
    const link = await permalinkFor(recording, 'https://example.org/play/?embed=1&seed=3#old');
    expect(link.startsWith('https://example.org/play/#run=1.')).toBe(true);
    const read = await readPermalink(link);
    expect(read?.ok).toBe(true);
    if (!read?.ok) return;
    expect(read.run.atMs).toBe(recording.nowMs);
    const replay = session();
    const frame = await replay.loadScenario(read.run.scenario, read.run.atMs);
    expect(frame.nowMs).toBe(recording.nowMs);
    expect(replay.traceDigest()).toBe(original.traceDigest());
    expect(replay.recording().steps).toEqual(recording.steps);
  });

  it('keeps a link short', async () => {
    const value = await encodeRun((await someRun()).recording());
    expect(value.length).toBeLessThan(600);
  });

  it('writes a scenario file that validates, without the defaults the schema fills in', async () => {
    const scenario = recordingToScenario((await someRun()).recording(), 'x');
    const first = (scenario.steps as Record<string, unknown>[])[0]!;
    expect(first).toEqual({
      atMs: 0,
      do: 'register',
      client: 'a',
      service: 'orders',
      ip: '10.1.0.1',
      port: 8080,
      via: 'n2',
    });
    expect((scenario.steps as Record<string, unknown>[])[1]!.metadata).toEqual({ zone: 'a' });
    expect(parseScenarioValue(scenario, 'x').ok).toBe(true);
  });

  it('a run still at 0 ms is a 1 ms scenario replayed to 0', async () => {
    const service = session();
    await service.reset({ seed: 1, nodeCount: 3 });
    const read = await decodeRun(await encodeRun(service.recording()));
    expect(read.ok && read.run.atMs).toBe(0);
    expect(read.ok && read.run.scenario.durationMs).toBe(1);
  });

  it('finds the run in a URL, a fragment or a bare value', () => {
    expect(runValueOf('https://x.org/#run=1.abc')).toBe('1.abc');
    expect(runValueOf('#run=1.abc')).toBe('1.abc');
    expect(runValueOf('1.abc')).toBe('1.abc');
    expect(runValueOf('https://x.org/?seed=3')).toBeNull();
    expect(runValueOf('https://x.org/#run=')).toBe('');
  });

  it('says what is wrong with a damaged link', async () => {
    const good = await encodeRun((await someRun()).recording());
    const data = good.slice(2);
    expect((await decodeRun('')).ok).toBe(false);
    expect(await decodeRun('')).toMatchObject({ problem: 'format' });
    expect(await decodeRun(data)).toMatchObject({ problem: 'format' });
    expect(await decodeRun(`7.${data}`)).toMatchObject({ problem: 'version', version: '7' });
    expect(await decodeRun(`1.${data.slice(0, 20)}!*${data.slice(22)}`)).toMatchObject({ problem: 'base64' });
    expect(await decodeRun(`1.${data.slice(0, Math.floor(data.length / 2))}`)).toMatchObject({
      problem: 'compression',
    });
    // Cut one character into a byte: still "does not unpack", not "bad characters".
    expect(await decodeRun(`1.${data.slice(0, 41)}`)).toMatchObject({ problem: 'compression' });
    expect(await decodeRun(`1.${toBase64Url(new TextEncoder().encode('not deflate at all'))}`)).toMatchObject(
      {
        problem: 'compression',
      },
    );
    expect(await decodeRun(await pack('{"scenario": '))).toMatchObject({ problem: 'json' });
    expect(await decodeRun(await pack('[1, 2]'))).toMatchObject({ problem: 'invalid' });
  });

  it('gives the scenario files’ error lines for a link that fails validation', async () => {
    const scenario = recordingToScenario((await someRun()).recording());
    (scenario.steps as Record<string, unknown>[])[2]!.node = 'n9';
    scenario.seed = -1;
    const read = await decodeRun(await pack(JSON.stringify({ scenario, atMs: 5, extra: true })));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problem).toBe('invalid');
    expect(read.errors).toContain('link: extra: unknown key');
    expect(read.errors.join('\n')).toMatch(/^link: seed: expected an integer from 0 to 4294967295, got -1$/m);
    const far = await decodeRun(
      await pack(
        JSON.stringify({
          scenario: recordingToScenario({ config: { seed: 1, nodeCount: 3 }, steps: [], nowMs: 10 }),
          atMs: 11,
        }),
      ),
    );
    expect(far.ok ? [] : far.errors).toEqual([
      'link: atMs: expected a whole number of milliseconds from 0 to 10, got 11',
    ]);
  });

  it('a guided built-in travels by its id and opens guided; another guided scenario travels whole', async () => {
    const builtin = builtinScenario('owner-killed')!;
    const config = { seed: builtin.scenario.seed, nodeCount: builtin.scenario.cluster.nodes };
    const byId = await encodeRun({
      config,
      steps: [],
      nowMs: 42_000,
      guided: { id: 'owner-killed', scenario: builtin.scenario },
    });
    const read = await decodeRun(byId);
    expect(read).toEqual({
      ok: true,
      run: { scenario: builtin.scenario, atMs: 42_000, guided: { id: 'owner-killed' } },
    });
    expect(byId.length).toBeLessThan(100); // the id, not the narration

    const custom = { ...builtin.scenario, name: 'my own guided run' };
    const whole = await decodeRun(
      await encodeRun({ config, steps: [], nowMs: 7_000, guided: { id: null, scenario: custom } }),
    );
    expect(whole.ok && whole.run.guided).toEqual({ id: null });
    expect(whole.ok && whole.run.scenario.name).toBe('my own guided run');
    expect(whole.ok && whole.run.scenario.narration).toEqual(builtin.scenario.narration);

    const plain = await decodeRun(await encodeRun({ config, steps: [], nowMs: 0 }));
    expect(plain.ok && plain.run.guided).toBeNull();
  });

  it('names a bad built-in id and a scenario given beside it', async () => {
    const read = await decodeRun(await pack(JSON.stringify({ builtin: 'no-such', atMs: 0, guided: 'yes' })));
    expect(read.ok ? [] : read.errors).toEqual([
      'link: guided: expected true, got "yes"',
      expect.stringMatching(
        /^link: builtin: expected a built-in scenario's id \(register-through-non-owner, .*\), got "no-such"$/,
      ),
      'link: guided: not expected with builtin',
    ]);
    const both = await decodeRun(
      await pack(
        JSON.stringify({
          builtin: 'owner-killed',
          scenario: builtinScenario('owner-killed')!.scenario,
          atMs: 0,
        }),
      ),
    );
    expect(both.ok ? [] : both.errors).toEqual(['link: scenario: not expected with builtin']);
  });

  it('refuses a link that unpacks to more than it may', async () => {
    const huge = await pack(JSON.stringify({ pad: 'x'.repeat(5_000_000) }));
    expect(huge.length).toBeLessThan(20_000);
    expect(await decodeRun(huge)).toMatchObject({ problem: 'tooLarge' });
  });

  it('base64url round-trips every byte and rejects other characters', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});
