import { describe, expect, it } from 'vitest';
import { InProcessRuntime } from '../sim/inProcessRuntime.ts';
import { SimService } from './simService.ts';

const session = () => new SimService(() => new InProcessRuntime(), 'in-process');

describe('SimService', () => {
  it('times convergence from the trace, however far one call jumps', async () => {
    const service = session();
    await service.reset({ seed: 4, nodeCount: 3 });
    expect(
      (await service.act({ do: 'register', client: 'a', service: 'orders', ip: '10.1.0.1', port: 8080 })).ok,
    ).toBe(true);
    await service.runUntil(20_000);
    await service.act({ do: 'partition', groups: [['n1'], ['n2', 'n3']] });
    await service.runUntil(60_000);
    await service.act({ do: 'heal' });
    const frame = await service.runUntil(200_000);
    expect(frame.convergence.converged).toBe(true);
    expect(frame.convergence.lastFaultAtMs).toBe(60_000);
    // Views merge within a probe cycle and the data within a verify round: seconds, not the 140 s jump.
    expect(frame.convergence.lastConvergeMs).not.toBeNull();
    expect(frame.convergence.lastConvergeMs!).toBeLessThan(20_000);
  });

  it('refuses a bad action with a message and leaves the run as it was', async () => {
    const service = session();
    await service.reset({ seed: 1, nodeCount: 3 });
    const before = service.recording();
    const result = await service.act({
      do: 'register',
      client: 'a',
      service: 'orders',
      ip: '10.1.0.1',
      port: 70_000,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(/port/);
    expect(service.recording().steps).toEqual(before.steps);
  });

  it('seek replays the recorded actions to the same trace', async () => {
    const service = session();
    await service.reset({ seed: 2, nodeCount: 3 });
    await service.act({ do: 'register', client: 'a', service: 'orders', ip: '10.1.0.1', port: 8080 });
    await service.runUntil(10_000);
    await service.act({ do: 'kill', node: 'n1' });
    await service.runUntil(30_000);
    const digest = service.traceDigest();
    // Back to 20 s: replayed from the seed with both actions, then on to 30 s again.
    await service.seek(20_000);
    expect(service.recording().nowMs).toBe(20_000);
    await service.runUntil(30_000);
    expect(service.traceDigest()).toBe(digest);
  });
});

describe('SimService guided scenarios', () => {
  it('plays a scenario at any pace to the same trace, narration and verdicts as the headless runner', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenario } = await import('../scenarios/parse.ts');
    const { runScenario } = await import('../scenarios/run.ts');
    const { createWorld } = await import('../sim/world.ts');
    const parsed = parseScenario(readFileSync('scenarios/owner-killed.json', 'utf8'), 'owner-killed.json');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const scenario = parsed.scenario;
    const headless = runScenario(scenario, createWorld);

    const loaded = session();
    await loaded.loadScenario(scenario);

    const played = session();
    await played.startScenario(scenario);
    for (let i = 0; i < 40; i++) await played.stepEvent();
    let frame = await played.advance(1_234);
    while (frame.nowMs < scenario.durationMs) frame = await played.advance(777);
    frame = await played.runUntil(scenario.durationMs);

    expect(played.traceDigest()).toBe(loaded.traceDigest());
    expect(frame.scenario?.fired).toEqual(headless.narration);
    expect(frame.scenario?.results?.map((r) => r.pass)).toEqual(headless.expectations.map((e) => e.pass));
    expect(frame.scenario?.results?.every((r) => r.pass)).toBe(true);
  });

  it('taking over drops the remaining steps', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenario } = await import('../scenarios/parse.ts');
    const parsed = parseScenario(readFileSync('scenarios/owner-killed.json', 'utf8'), 'owner-killed.json');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const service = session();
    await service.startScenario(parsed.scenario);
    await service.runUntil(1_000);
    service.takeOver();
    const frame = await service.runUntil(60_000);
    // The kill at 40 s never happened.
    expect(frame.nodes.every((node) => node.status === 'running')).toBe(true);
    expect(frame.scenario?.nextStep).toBe(frame.scenario?.stepCount);
  });
});

describe('SimService timed narration', () => {
  it('a timed card fires when virtual time reaches it, even in a quiet cluster', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseScenario } = await import('../scenarios/parse.ts');
    const parsed = parseScenario(readFileSync('scenarios/register-through-non-owner.json', 'utf8'), 'x');
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const timed = parsed.scenario.narration.flatMap((card, index) =>
      card.atMs !== undefined && card.atMs > 0 ? [{ index, atMs: card.atMs }] : [],
    );
    expect(timed.length).toBeGreaterThan(0);
    const service = session();
    await service.startScenario(parsed.scenario);
    const first = timed[0]!;
    const frame = await service.runUntil(first.atMs + 200);
    expect(frame.scenario?.fired.some((f) => f.index === first.index)).toBe(true);
  });

  it('a long jump hands the frame only the last 400 log lines and the messages still glowing', async () => {
    const service = session();
    await service.reset({ seed: 2, nodeCount: 3 });
    await service.act({ do: 'register', client: 'a', service: 'orders', ip: '10.1.0.1', port: 8080 });
    const first = await service.runUntil(1_000);
    const frame = await service.runUntil(600_000);
    expect(frame.log).toHaveLength(400);
    const seqs = frame.log.map((line) => line.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[0]! + 399).toBe(seqs.at(-1));
    expect(seqs.at(-1)! - first.log.at(-1)!.seq).toBeGreaterThan(2_000); // far more messages than lines
    // The rate chart's counts are exact: every message since the last frame, not just the logged ones.
    const counted = frame.sent.reduce((sum, entry) => sum + entry.count, 0);
    expect(counted).toBe(seqs.at(-1)! - first.log.at(-1)!.seq);
    expect(new Set(frame.sent.map((entry) => entry.kind))).toContain('verify');
    expect(Math.max(...frame.sent.map((entry) => entry.second))).toBeLessThanOrEqual(600);
    const line = frame.log.at(-1)!;
    expect(line.text).toContain('→');
    expect(() => JSON.parse(line.payload)).not.toThrow();
    for (const message of frame.messages) expect(message.endAtMs).toBeGreaterThanOrEqual(600_000 - 400);
  });
});
