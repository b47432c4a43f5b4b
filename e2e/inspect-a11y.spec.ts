import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

/** Serious and critical axe violations inside the inspectors and charts only. */
async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).include('.dpi').include('.dpc').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      nodes: violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
}

/** A run with data, a split cluster and dropped messages; a node open and a payload shown. */
async function busyPanels(page: Page): Promise<void> {
  const app = new Playground(page);
  await app.open();
  await app.reset({ seed: 2, nodeCount: 3 });
  const steps = [
    { do: 'register', client: 'c1', service: 'orders', ip: '10.1.0.1', port: 8080, metadata: { zone: 'a' } },
    { do: 'register', client: 'c2', service: 'users', ip: '10.1.0.2', port: 7070 },
  ];
  for (const step of steps) expect((await app.act(step)).ok).toBe(true);
  await app.advance(3000);
  expect((await app.act({ do: 'partition', groups: [['n1'], ['n2', 'n3']] })).ok).toBe(true);
  await app.advance(20_000);
  const inspector = page.getByRole('region', { name: 'Node inspector' });
  await inspector.getByRole('combobox', { name: 'Node' }).selectOption({ label: 'n1 · 10.0.0.1:8848' });
  await expect(inspector.getByRole('table', { name: 'Member view' })).toContainText('DOWN');
  const log = page.getByRole('region', { name: 'Message log' });
  await log.getByRole('list', { name: 'Message log' }).getByRole('button').last().click();
  await expect(log.locator('pre')).toBeVisible();
}

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [1440, 390]) {
    test(`the inspectors and charts pass axe (${scheme}, ${width} px)`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await busyPanels(page);
      expect(await violations(page)).toEqual([]);
    });
  }
}
