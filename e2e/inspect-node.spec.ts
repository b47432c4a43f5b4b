import { expect, type Page, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

/** The node inspector card and its node picker. */
function inspector(page: Page) {
  const panel = page.getByRole('region', { name: 'Node inspector' });
  return {
    panel,
    picker: panel.getByRole('combobox', { name: 'Node' }),
    members: panel.getByRole('table', { name: 'Member view' }),
  };
}

test.describe('the node inspector', () => {
  test('shows a hint, then the chosen node’s member view with the others UP', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 1, nodeCount: 3 });
    await app.advance(3000);
    const { panel, picker, members } = inspector(page);
    await expect(panel).toContainText('Click a node on the ring');

    await picker.selectOption({ label: 'n1 · 10.0.0.1:8848' });
    for (const peer of ['n2', 'n3']) {
      const row = members.getByRole('row', { name: new RegExp(`^${peer} `) });
      await expect(row).toContainText('UP');
      await expect(row.getByRole('cell').last()).toHaveText('0');
    }
    await expect(panel.getByRole('region', { name: 'Healthy list' })).toContainText('n1');
    await expect(panel.getByRole('region', { name: 'Next timers' })).toContainText('memberProbe');
    await app.expectNoErrors();
  });

  test('shows the node’s data with lastBeat and checksums, and follows the clock', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 1, nodeCount: 3 });
    const act = await app.act({
      do: 'register',
      client: 'c1',
      service: 'orders',
      ip: '10.1.0.1',
      port: 8080,
      metadata: { zone: 'a' },
    });
    expect(act.ok).toBe(true);
    await app.advance(3000);
    const { panel, picker } = inspector(page);
    await picker.selectOption({ label: 'n3 · 10.0.0.3:8848' });

    const service = panel.getByRole('article', { name: 'DEFAULT_GROUP@@orders' });
    const row = service.getByRole('row', { name: /10\.1\.0\.1:8080/ });
    await expect(row).toContainText('healthy');
    await expect(row).toContainText(/\d+\.\d s ago/);
    await expect(row).toContainText('zone=a');
    const checksum = service.locator('[title]').filter({ hasText: 'checksum' });
    await expect(checksum).toHaveAttribute('title', /^[0-9a-f]{32}$/);
    await expect(panel).toContainText('as of 3.0 s');

    await app.advance(2000);
    await expect(panel).toContainText('as of 5.0 s');
    await app.expectNoErrors();
  });

  test('a killed node has no memory to show', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 1, nodeCount: 3 });
    await app.advance(1000);
    const { panel, picker } = inspector(page);
    await picker.selectOption({ label: 'n2 · 10.0.0.2:8848' });
    await expect(inspector(page).members).toBeVisible();

    expect((await app.act({ do: 'kill', node: 'n2' })).ok).toBe(true);
    await app.advance(500);
    await expect(panel).toContainText('killed: memory gone');
    await expect(inspector(page).members).toHaveCount(0);

    expect((await app.act({ do: 'restart', node: 'n2' })).ok).toBe(true);
    await app.advance(3000);
    await expect(inspector(page).members).toBeVisible();
    await app.expectNoErrors();
  });

  test('speaks Chinese when the page does', async ({ page }) => {
    const app = new Playground(page);
    await app.open({ query: 'autoplay=0&lang=zh' });
    await app.reset({ seed: 1, nodeCount: 3 });
    await expect(page.getByRole('region', { name: '节点检查器' })).toContainText('点击环上的节点');
    await expect(page.getByRole('region', { name: '消息日志' })).toBeVisible();
    await expect(page.getByRole('region', { name: '图表' })).toBeVisible();
    await app.expectNoErrors();
  });
});
