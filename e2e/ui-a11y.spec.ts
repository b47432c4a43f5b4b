import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

async function seriousViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }));
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation (${scheme})`, async ({ page }) => {
    // axe checks the contrast of every element, the message log's rows included: it takes a while.
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const app = new Playground(page);
    await app.open();
    await app.runUntil(8000);
    expect(await seriousViolations(page)).toEqual([]);
    // The other tabs of the control panel too.
    await app.tab('network').click();
    expect(await seriousViolations(page)).toEqual([]);
    await app.tab('clients').click();
    await app.register({ port: '0' });
    await expect(app.registerErrors).not.toBeEmpty();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('every control has an accessible name', async ({ page }) => {
  const app = new Playground(page);
  await app.open();
  for (const tab of ['nodes', 'network', 'clients'] as const) {
    await app.tab(tab).click();
    const unnamed = await page.evaluate(() => {
      const controls = [
        ...document.querySelectorAll('button, input, select, textarea, [role="slider"], [role="tab"]'),
      ];
      return controls
        .filter((element) => element.checkVisibility())
        .filter((element) => {
          const label =
            element.getAttribute('aria-label') ??
            (element as HTMLInputElement).labels?.[0]?.textContent ??
            element.textContent ??
            '';
          return label.trim() === '' && !element.getAttribute('aria-labelledby');
        })
        .map((element) => element.outerHTML.slice(0, 120));
    });
    expect(unnamed).toEqual([]);
  }
});

test('the phone layout (390×844) has no horizontal scroll', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new Playground(page);
  await app.open();
  await app.runUntil(8000);
  for (const tab of ['nodes', 'network', 'clients'] as const) {
    await app.tab(tab).click();
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll, `${tab} tab`).toBeLessThanOrEqual(widths.client);
  }
});
