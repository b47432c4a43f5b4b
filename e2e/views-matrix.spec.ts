import { expect, test } from './support/viewsPage.ts';

const ORDERS = 'DEFAULT_GROUP@@orders';
const USERS = 'DEFAULT_GROUP@@users';
const NODES = ['n1', 'n2', 'n3'];

test('a registered instance reaches every node: its whole row turns healthy', async ({ views }) => {
  await views.open({ nodes: 3, seed: 1 });
  await views.act({ do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080 });
  await views.advance(5_000);
  for (const node of NODES) {
    await expect(views.cell(node, ORDERS, '10.1.0.1:8080')).toHaveAttribute('data-state', 'healthy');
  }
  await expect(views.row(ORDERS, '10.1.0.1:8080')).toHaveAttribute('data-diverged', 'false');
  await expect(views.convergence).toHaveAttribute('data-converged', 'true');
  await expect(views.convergence).toHaveText(/converged/);
  // The table is a real table a screen reader can walk.
  await expect(views.page.getByRole('table')).toBeVisible();
  await expect(views.page.getByRole('columnheader', { name: /n2/ })).toBeVisible();
  await expect(views.page.getByRole('rowheader', { name: '10.1.0.1:8080' })).toBeVisible();
});

test('partition {n1} | {n2, n3}: the matrix diverges; after the heal it converges and the stopwatch stops', async ({
  views,
}) => {
  await views.open({ nodes: 3, seed: 5 });
  await views.act({ do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080 });
  await views.act({ do: 'register', client: 'users-1', service: 'users', ip: '10.1.0.4', port: 7070 });
  await views.advance(5_000);
  await expect(views.convergence).toHaveAttribute('data-converged', 'true');

  await views.act({ do: 'partition', groups: [['n1'], ['n2', 'n3']] });
  await views.advance(25_000);
  // A client that reaches only n1 registers there while the servers cannot see each other.
  await views.act({
    do: 'register',
    client: 'late-1',
    service: 'users',
    ip: '10.1.0.9',
    port: 7070,
    via: 'n1',
  });
  await views.act({ do: 'cutClient', client: 'late-1', nodes: ['n2', 'n3'] });
  await views.advance(15_000);

  const late = views.row(USERS, '10.1.0.9:7070');
  await expect(late).toHaveAttribute('data-diverged', 'true');
  await expect(views.cell('n1', USERS, '10.1.0.9:7070')).toHaveAttribute('data-state', 'healthy');
  await expect(views.cell('n2', USERS, '10.1.0.9:7070')).toHaveAttribute('data-state', 'missing');
  await expect(views.convergence).toHaveAttribute('data-converged', 'false');
  await expect(views.convergence).toHaveText(/diverged/);
  await expect(views.stopwatch).toHaveAttribute('data-running', 'true');
  await expect(views.page.getByTestId('partition-line')).toHaveCount(1);

  await views.act({ do: 'heal' });
  await views.advance(30_000);
  await expect(views.convergence).toHaveAttribute('data-converged', 'true');
  await expect(late).toHaveAttribute('data-diverged', 'false');
  for (const node of NODES) {
    await expect(views.cell(node, USERS, '10.1.0.9:7070')).toHaveAttribute('data-state', 'healthy');
  }
  await expect(views.stopwatch).toHaveAttribute('data-running', 'false');
  const ms = Number(await views.stopwatch.getAttribute('data-ms'));
  expect(ms).toBeGreaterThan(0);
  expect(ms).toBeLessThanOrEqual(30_000);
  await expect(views.stopwatch).toHaveText(/converged \d+\.\d s after the last change/);
  await expect(views.page.getByTestId('partition-line')).toHaveCount(0);
});

test('a killed node’s column is marked and does not count against convergence', async ({ views }) => {
  await views.open({ nodes: 3, seed: 3 });
  await views.act({ do: 'register', client: 'users-1', service: 'users', ip: '10.1.0.4', port: 7070 });
  await views.advance(5_000);
  await views.act({ do: 'kill', node: 'n3' });
  await views.advance(10_000);
  await expect(views.cell('n3', USERS, '10.1.0.4:7070')).toHaveAttribute('data-state', 'missing');
  await expect(views.page.getByRole('columnheader', { name: /n3.*killed/ })).toBeVisible();
  await expect(views.row(USERS, '10.1.0.4:7070')).toHaveAttribute('data-diverged', 'false');
});
