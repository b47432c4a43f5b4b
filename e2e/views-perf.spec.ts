import { expect, test } from './support/viewsPage.ts';

/**
 * The ring under load: 16 nodes at 10× with messages flying. Wall-clock timing depends on
 * the machine, so this runs only when asked (PERF=1); `npm run bench` is the gate.
 */
test.skip(!process.env.PERF, 'frame-time measurement: run with PERF=1');

const SERVICES = ['orders', 'users', 'payments', 'inventory', 'cart', 'search', 'mail', 'auth'];

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

test('16 nodes at 10×: the 95th-percentile frame time stays at or under 20 ms', async ({ views }) => {
  test.setTimeout(90_000);
  await views.open({
    nodes: 16,
    seed: 4,
    ...(process.env.PERF_VIEWS ? { views: process.env.PERF_VIEWS } : {}),
  });
  let i = 1;
  for (const service of SERVICES) {
    for (const copy of [0, 1]) {
      await views.act({
        do: 'register',
        client: `${service}-${copy}`,
        service,
        ip: `10.1.${copy}.${i}`,
        port: 8080,
      });
    }
    i++;
  }
  await views.advance(6_000);
  await views.act({
    do: 'partition',
    groups: [
      ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'],
      ['n7', 'n8', 'n9', 'n10', 'n11', 'n12', 'n13', 'n14', 'n15', 'n16'],
    ],
  });
  await views.play(10);
  await views.page.waitForTimeout(1_500);
  const sample = await views.page.evaluate(
    () =>
      new Promise<{ gaps: number[]; paints: number[]; particles: number[]; resolution: string }>(
        (resolve) => {
          const canvas = document.querySelector('canvas');
          const gaps: number[] = [];
          const paints: number[] = [];
          const particles: number[] = [];
          let last = performance.now();
          const end = last + 6_000;
          const frame = (now: number) => {
            gaps.push(now - last);
            last = now;
            paints.push(Number(canvas?.dataset.paintMs ?? 0));
            particles.push(Number(canvas?.dataset.particles ?? 0));
            if (now < end) requestAnimationFrame(frame);
            else resolve({ gaps, paints, particles, resolution: canvas?.dataset.resolution ?? '?' });
          };
          requestAnimationFrame(frame);
        },
      ),
  );
  await views.page.evaluate(() => window.distro.pause());
  const p95 = percentile(sample.gaps, 95);
  const paint95 = percentile(sample.paints, 95);
  const particles = Math.max(...sample.particles);
  console.log(
    `frames=${sample.gaps.length} p50=${percentile(sample.gaps, 50).toFixed(1)}ms p95=${p95.toFixed(1)}ms ` +
      `max=${Math.max(...sample.gaps).toFixed(1)}ms canvas-paint p95=${paint95.toFixed(2)}ms particles max=${particles} canvas resolution=${sample.resolution}`,
  );
  expect(particles).toBeGreaterThan(50);
  expect(p95).toBeLessThanOrEqual(20);
});
