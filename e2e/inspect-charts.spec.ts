import { expect, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

test.describe('the charts', () => {
  test('divergent cells rise after a partition and fall to zero after the heal', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 1, nodeCount: 3 });
    expect(
      (await app.act({ do: 'register', client: 'c1', service: 'orders', ip: '10.1.0.1', port: 8080 })).ok,
    ).toBe(true);
    await app.advance(3000);
    const charts = page.getByRole('region', { name: 'Charts' });
    const divergence = charts.getByTestId('divergence-now');
    await expect(divergence).toHaveText('0');

    // A client that reaches only n1 registers during the split: n2 and n3 never learn of it.
    for (const action of [
      { do: 'partition', groups: [['n1'], ['n2', 'n3']] },
      { do: 'register', client: 'late', service: 'users', ip: '10.1.0.9', port: 7070, via: 'n1' },
      { do: 'cutClient', client: 'late', nodes: ['n2', 'n3'] },
    ]) {
      expect((await app.act(action)).ok).toBe(true);
    }
    await app.advance(40_000);
    await expect(divergence).not.toHaveText('0');
    expect(Number(await divergence.textContent())).toBeGreaterThan(0);
    await expect(charts.getByRole('img', { name: /Divergent cells/ })).toBeVisible();

    expect((await app.act({ do: 'heal' })).ok).toBe(true);
    await app.advance(40_000);
    await expect(divergence).toHaveText('0');
    await expect(charts).toContainText('converged');
    await app.expectNoErrors();
  });

  test('message rates are drawn by kind', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 1, nodeCount: 3 });
    expect(
      (await app.act({ do: 'register', client: 'c1', service: 'orders', ip: '10.1.0.1', port: 8080 })).ok,
    ).toBe(true);
    for (let second = 1; second <= 12; second++) await app.runUntil(second * 1000);
    const charts = page.getByRole('region', { name: 'Charts' });
    await expect(charts.getByTestId('rate-now')).not.toHaveText('0');
    await expect(charts.getByRole('img', { name: /Messages per second/ })).toBeVisible();
    await expect(charts.locator('path.dpc-rate-band')).toHaveCount(8);
    await app.expectNoErrors();
  });
});
