import { expect, type Page, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

/** The message log card: its filters, its (virtualised) lines and the payload panel. */
function messageLog(page: Page) {
  const panel = page.getByRole('region', { name: 'Message log' });
  return {
    panel,
    lines: panel.getByRole('list', { name: 'Message log' }).getByRole('button'),
    chip: (kind: string) => panel.getByRole('button', { name: kind, exact: true }),
    text: panel.getByRole('searchbox', { name: 'Filter text' }),
    node: panel.getByRole('combobox', { name: 'Node' }),
  };
}

async function registerOrders(app: Playground): Promise<void> {
  const outcome = await app.act({
    do: 'register',
    client: 'c1',
    service: 'orders',
    ip: '10.1.0.1',
    port: 8080,
  });
  expect(outcome.ok).toBe(true);
}

test.describe('the message log', () => {
  test('after a registration and 3 s it holds a SYNC line whose payload names the service', async ({
    page,
  }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 1, nodeCount: 3 });
    await registerOrders(app);
    await app.advance(3000);

    const log = messageLog(page);
    await log.text.fill('SYNC ');
    const sync = log.lines.filter({
      hasText: /SYNC 10\.0\.0\.\d:8848→10\.0\.0\.\d:8848 DEFAULT_GROUP@@orders hosts=1/,
    });
    await expect(sync.first()).toBeVisible();
    await expect(sync.first()).toContainText(/^\s*\d+\.\d/);
    await sync.first().click();

    const payload = log.panel.getByRole('region', { name: /SYNC_DATUM/ });
    await expect(payload).toContainText('"type": "SYNC_DATUM"');
    await expect(payload).toContainText('DEFAULT_GROUP@@orders');
    await expect(payload).toContainText('"ip": "10.1.0.1"');
    await payload.getByRole('button', { name: 'Close' }).click();
    await expect(payload).toHaveCount(0);
    await app.expectNoErrors();
  });

  test('the kind filter hides every other kind', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 1, nodeCount: 3 });
    await registerOrders(app);
    await app.advance(3000);

    const log = messageLog(page);
    await expect(log.lines.first()).toBeVisible();
    await log.panel.getByRole('button', { name: 'none', exact: true }).click();
    await expect(log.lines).toHaveCount(0);
    await expect(log.panel).toContainText('No message matches the filters');

    await log.chip('sync').click();
    await expect(log.chip('sync')).toHaveAttribute('aria-pressed', 'true');
    await expect(log.lines.first()).toBeVisible();
    for (const kind of await log.lines.evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('data-kind')),
    )) {
      expect(kind).toBe('sync');
    }

    // Everything but sync: no SYNC line remains, other kinds do.
    await log.panel.getByRole('button', { name: 'all', exact: true }).click();
    await log.chip('sync').click();
    await expect(log.lines.first()).toBeVisible();
    const kinds = await log.lines.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-kind')));
    expect(kinds).not.toContain('sync');
    expect(kinds.length).toBeGreaterThan(0);
    await app.expectNoErrors();
  });

  test('marks messages dropped at a partition, filters by node, and restarts with the run', async ({
    page,
  }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 1, nodeCount: 3 });
    expect((await app.act({ do: 'partition', groups: [['n1'], ['n2', 'n3']] })).ok).toBe(true);
    // Members probe every 2 s from t = 5 s; across the cut every probe dies.
    await app.advance(10_000);

    const log = messageLog(page);
    await log.node.selectOption({ label: 'n1 · 10.0.0.1:8848' });
    await log.text.fill('REPORT 10.0.0.1:8848');
    await expect(log.lines.first()).toBeVisible();
    await expect(log.lines.filter({ hasText: 'dropped at a network cut' }).first()).toBeAttached();
    for (const text of await log.lines.allTextContents()) expect(text).toContain('10.0.0.1:8848');

    // A reset starts the log afresh: nothing from the old run's 10 s is left.
    await log.text.fill('');
    await app.reset({ seed: 1, nodeCount: 3 });
    await expect(log.panel.locator('.dpi-log-time').filter({ hasText: /^[1-9]\d*\.\d$/ })).toHaveCount(0);
    await app.expectNoErrors();
  });
});
