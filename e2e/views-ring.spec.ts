import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/viewsPage.ts';

const ORDERS = 'DEFAULT_GROUP@@orders';

/** The centre of a box. */
function centre(box: { x: number; y: number; width: number; height: number }) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('killing the owner of orders moves its chip into another node’s sector', async ({ views }) => {
  await views.open({ nodes: 3, seed: 3 });
  await views.act({ do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080 });
  await views.advance(5_000);
  // n1 owns DEFAULT_GROUP@@orders in a 3-node cluster (Java hashCode mod 3).
  await expect(views.chip('n1', ORDERS)).toBeVisible();

  await views.act({ do: 'kill', node: 'n1' });
  await views.advance(10_000);
  await expect(views.node('n1')).toHaveAttribute('data-status', 'killed');
  await expect(views.chip('n1', ORDERS)).toHaveCount(0);
  const moved = views.page.locator(`[data-service="${ORDERS}"].ring-chip:not(.ring-chip--leaving)`);
  await expect(moved).toHaveCount(1);
  const owner = await moved.getAttribute('data-node');
  expect(['n2', 'n3']).toContain(owner);

  // The move is animated; once it settles the chip sits beside its new owner, not n1.
  await views.page.waitForTimeout(1_200);
  const chip = centre((await moved.boundingBox())!);
  const distance = async (name: string) => {
    const node = centre((await views.node(name).boundingBox())!);
    return Math.hypot(node.x - chip.x, node.y - chip.y);
  };
  expect(await distance(owner!)).toBeLessThan(await distance('n1'));
});

test('nodes are buttons with their name, address and state; Enter selects one', async ({ views }) => {
  await views.open({ nodes: 3, seed: 1 });
  const n2 = views.page.getByRole('button', { name: 'n2 10.0.0.2:8848 running' });
  await expect(n2).toBeVisible();
  await n2.focus();
  await views.page.keyboard.press('Enter');
  await expect(n2).toHaveAttribute('aria-pressed', 'true');
  await views.node('n3').click();
  await expect(views.node('n3')).toHaveAttribute('aria-pressed', 'true');
  await expect(n2).toHaveAttribute('aria-pressed', 'false');
});

test('"as seen by n1" colours the others by n1’s view: DOWN across a partition', async ({ views }) => {
  await views.open({ nodes: 3, seed: 1 });
  await views.advance(3_000);
  await views.act({ do: 'partition', groups: [['n1'], ['n2', 'n3']] });
  // Four failed probes, one peer every 2 s: n1 gives up on both peers well within 30 s.
  await views.advance(30_000);
  await views.page.getByTestId('viewpoint').selectOption('n1');
  await expect(views.node('n1')).toHaveAttribute('data-seen', 'self');
  await expect(views.node('n2')).toHaveAttribute('data-seen', 'DOWN');
  await expect(views.page.getByRole('button', { name: /n3 10\.0\.0\.3:8848 running, DOWN/ })).toBeVisible();
  await views.page.getByTestId('viewpoint').selectOption('n2');
  await expect(views.node('n3')).toHaveAttribute('data-seen', 'UP');
  await expect(views.node('n1')).toHaveAttribute('data-seen', 'DOWN');
  await views.page.getByTestId('viewpoint').selectOption('');
  await expect(views.node('n1')).not.toHaveAttribute('data-seen');
});

test('the ring and the matrix have no serious or critical accessibility violations', async ({ views }) => {
  await views.open({ nodes: 5, seed: 2 });
  await views.act({ do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080 });
  await views.act({ do: 'register', client: 'users-1', service: 'users', ip: '10.1.0.2', port: 7070 });
  await views.advance(5_000);
  await views.act({
    do: 'partition',
    groups: [
      ['n1', 'n2'],
      ['n3', 'n4', 'n5'],
    ],
  });
  await views.act({ do: 'kill', node: 'n5' });
  await views.advance(12_000);
  for (const scheme of ['light', 'dark'] as const) {
    await views.page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page: views.page })
      .include('[data-testid="cluster-ring"]')
      .include('[data-testid="registry-matrix"]')
      .analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  }
});

test('in Chinese the ring and the matrix speak Chinese', async ({ views }) => {
  await views.open({ nodes: 3, seed: 1, lang: 'zh' });
  await views.act({ do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080 });
  await views.advance(5_000);
  await expect(views.page.getByRole('button', { name: 'n1 10.0.0.1:8848 运行中' })).toBeVisible();
  await expect(views.convergence).toHaveText(/已收敛/);
  await expect(views.page.getByTestId('viewpoint')).toContainText('各节点自己的视角');
});
