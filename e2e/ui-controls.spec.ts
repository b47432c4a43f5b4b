import { expect, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

test.describe('controls', () => {
  test('node actions: pause, resume, kill, restart, add a node', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 2, nodeCount: 3 });
    const row = (name: string) => page.getByTestId(`node-row-${name}`);

    await row('n2').click();
    await page.getByTestId('node-pause').click();
    await expect(row('n2')).toContainText('paused');
    await expect(page.getByTestId('node-pause')).toBeDisabled();
    await page.getByTestId('node-resume').click();
    await expect(row('n2')).toContainText('running');
    await page.getByTestId('node-kill').click();
    await expect(row('n2')).toContainText('killed');
    await page.getByTestId('node-restart').click();
    await expect(row('n2')).toContainText('running');

    await page.getByTestId('node-add').click();
    await expect(row('n4')).toBeVisible();
    await app.advance(2000);
    await expect(page.getByTestId('runtime-badge')).toContainText('4 workers');
    const steps = (await page.evaluate(() => window.distro.recording())).steps.map((step) => step.do);
    expect(steps).toEqual(['pause', 'resume', 'kill', 'restart', 'addNode']);
    await app.expectNoErrors();
  });

  test('network: split, isolate, one-way cut, heal, link settings', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 2, nodeCount: 3 });
    await app.tab('network').click();
    const now = page.getByTestId('network-now');
    await expect(now).toContainText('The network is whole.');

    // Split tool: n1 and n2 in A, n3 in B (the default), then apply.
    await page.getByTestId('split-n1-B').click();
    await page.getByTestId('split-n1-A').click();
    await page.getByTestId('split-apply').click();
    await expect(now).toContainText('Partition {n1, n2} | {n3}');
    expect((await app.frame()).network.partition).toEqual([
      ['10.0.0.1:8848', '10.0.0.2:8848'],
      ['10.0.0.3:8848'],
    ]);

    await page.getByTestId('heal').click();
    await expect(now).toContainText('The network is whole.');

    await page.getByTestId('cut-from').selectOption('n3');
    await page.getByTestId('cut-to').selectOption('n1');
    await page.getByTestId('cut-apply').click();
    await expect(now).toContainText('Cut n3 → n1');

    await app.tab('nodes').click();
    await page.getByTestId('node-row-n1').click();
    await page.getByTestId('node-isolate').click();
    await app.tab('network').click();
    await expect(now).toContainText('Partition {n1} | {n2, n3}');
    await page.getByTestId('heal').click();
    await expect(now).toContainText('The network is whole.');

    await page.getByTestId('link-latency').fill('120');
    await page.getByTestId('link-jitter').fill('30');
    await page.getByTestId('link-loss').fill('10');
    await page.getByTestId('link-apply').click();
    await expect(page.getByTestId('link-apply')).toBeDisabled();
    expect((await app.frame()).network.link).toMatchObject({ latencyMs: 120, jitterMs: 30, lossRate: 0.1 });
    await app.expectNoErrors();
  });

  test('clients: stop, resume, deregister', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 2, nodeCount: 3 }, { starter: true });
    await app.runUntil(2000);
    await app.tab('clients').click();
    const client = page.getByTestId('client-orders-1');
    await expect(client).toContainText('beating');
    await client.getByRole('button', { name: 'Stop orders-1' }).click();
    await expect(client).toContainText('stopped');
    await client.getByRole('button', { name: 'Resume orders-1' }).click();
    await expect(client).toContainText('beating');
    await client.getByRole('button', { name: 'Deregister orders-1' }).click();
    await expect(client).toContainText('deregistered');
    await app.advance(3000);
    expect(await app.instanceOnNodes('orders', '10.1.0.1:8080')).toEqual({
      n1: 'missing',
      n2: 'missing',
      n3: 'missing',
    });
    await app.expectNoErrors();
  });

  test('errors in Chinese: the register form says what Nacos would reject', async ({ page }) => {
    const app = new Playground(page);
    await app.open({ query: 'autoplay=0&lang=zh' });
    await app.reset({ seed: 2 });
    await app.register({ port: '0' });
    await expect(page.getByTestId('reg-port-error')).toHaveText('端口：需要 1 到 65535 之间的整数，实际为 0');
  });
});
