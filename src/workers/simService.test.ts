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
