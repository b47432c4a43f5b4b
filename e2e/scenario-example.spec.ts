/**
 * The example of docs/AUTOMATION.md, kept here so it keeps working: a scenario of your own,
 * virtual time moved in three jumps, the DOM and window.distro.frame() checked at each.
 */
import { expect, test } from '@playwright/test';

// A scenario of your own, in the format of scenarios/*.json (docs/SCENARIOS.md).
const scenario = {
  name: '3 nodes: n1, the owner of orders, dies; n2 marks it DOWN and the cluster converges',
  seed: 42,
  cluster: { nodes: 3 },
  durationMs: 60_000,
  steps: [
    { atMs: 0, do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080 },
    { atMs: 20_000, do: 'kill', node: 'n1' },
  ],
  expect: [
    { type: 'member', observer: 'n2', subject: 'n1', state: 'DOWN', sinceMs: 20_000, byMs: 25_000 },
    { type: 'converged', withinMs: 30_000 },
  ],
  narration: [
    { atMs: 0, en: 'orders is owned by n1.', zh: 'orders 由 n1 负责。' },
    {
      when: { member: { observer: 'n2', subject: 'n1', state: 'DOWN' } },
      en: 'n2 has marked n1 DOWN.',
      zh: 'n2 已把 n1 标为 DOWN。',
    },
  ],
};

const ORDERS = 'DEFAULT_GROUP@@orders';

test.beforeEach(async ({ page }) => {
  // autoplay=0: only the test moves the clock. lang=en: the narration in English.
  await page.goto('/?autoplay=0&lang=en');
  await page.evaluate(() => window.distro.ready);
});

test('n2 marks the dead owner DOWN and the cluster converges', async ({ page }) => {
  await page.evaluate((s) => window.distro.startScenario(s), scenario);

  // Just before the kill: every node holds the instance, healthy.
  await page.evaluate(() => window.distro.runUntil(19_000));
  for (const node of ['n1', 'n2', 'n3']) {
    const cell = page.getByTestId(`cell-${node}-${ORDERS}-10.1.0.1:8080`);
    await expect(cell).toHaveAttribute('data-state', 'healthy');
  }

  // 5 s after the kill: n1 is dead, and n2 sees it DOWN (in the frame, on the ring, in the narration).
  const frame = await page.evaluate(() => window.distro.runUntil(25_000));
  const n2 = frame.nodes.find((node) => node.name === 'n2');
  expect(n2?.members['10.0.0.1:8848']).toBe('DOWN');
  await expect(page.getByTestId('node-n1')).toHaveAttribute('data-status', 'killed');
  await expect(page.getByTestId('narration-current')).toContainText('n2 has marked n1 DOWN.');

  // The end of the scenario: every expectation passed, in the status and on the page.
  await page.evaluate(() => window.distro.runUntil(60_000));
  const status = await page.evaluate(() => window.distro.scenarioStatus());
  expect(status?.results?.filter((result) => !result.pass).map((result) => result.message)).toEqual([]);
  expect(status?.fired).toHaveLength(scenario.narration.length);
  await expect(page.getByTestId('scenario-results')).toContainText('2 of 2 passed');
});
