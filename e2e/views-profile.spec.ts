import { test } from './support/viewsPage.ts';

/** Where the frame time goes with 16 nodes at 10×: a Chromium trace summed by event. PROFILE=1 to run. */
test.skip(!process.env.PROFILE, 'trace of the views under load: run with PROFILE=1');

test('trace the views under load', async ({ views }) => {
  test.setTimeout(90_000);
  await views.open({
    nodes: 16,
    seed: 4,
    ...(process.env.PERF_VIEWS ? { views: process.env.PERF_VIEWS } : {}),
  });
  let i = 1;
  for (const service of ['orders', 'users', 'payments', 'inventory', 'cart', 'search', 'mail', 'auth']) {
    for (const copy of [0, 1])
      await views.act({
        do: 'register',
        client: `${service}-${copy}`,
        service,
        ip: `10.1.${copy}.${i}`,
        port: 8080,
      });
    i++;
  }
  await views.advance(6_000);
  await views.play(10);
  await views.page.waitForTimeout(1_000);
  const browser = views.page.context().browser()!;
  await browser.startTracing(views.page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'cc', 'viz', 'blink'],
  });
  await views.page.waitForTimeout(3_000);
  const buffer = await browser.stopTracing();
  const trace = JSON.parse(buffer.toString()) as {
    traceEvents: { name: string; ph: string; dur?: number }[];
  };
  const total = new Map<string, { ms: number; n: number }>();
  for (const event of trace.traceEvents) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const entry = total.get(event.name) ?? { ms: 0, n: 0 };
    entry.ms += event.dur / 1000;
    entry.n += 1;
    total.set(event.name, entry);
  }
  const top = [...total.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40);
  for (const [name, { ms, n }] of top)
    console.log(`${ms.toFixed(0).padStart(6)} ms ${String(n).padStart(6)}x  ${name}`);
});
