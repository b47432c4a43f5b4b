import { expect, type Page, test } from '@playwright/test';

/**
 * Embed mode (`?embed=1`): a compact layout for an 800 × 500 iframe, configured by URL
 * parameters; a bad parameter is named in the page and its default is used.
 */

test.use({ viewport: { width: 800, height: 500 } });

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`/?embed=1&autoplay=0&${query}`);
  await page.evaluate(() => window.distro.ready);
}

/** The page itself never scrolls: everything fits in the viewport. */
async function expectNoScrollbars(page: Page): Promise<void> {
  const sizes = await page.evaluate(() => {
    const root = document.documentElement;
    return {
      scrollWidth: root.scrollWidth,
      scrollHeight: root.scrollHeight,
      bodyScrollHeight: document.body.scrollHeight,
      width: root.clientWidth,
      height: root.clientHeight,
    };
  });
  expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.width);
  expect(sizes.scrollHeight).toBeLessThanOrEqual(sizes.height);
  expect(sizes.bodyScrollHeight).toBeLessThanOrEqual(sizes.height);
}

/** The element lies wholly inside the 800 × 500 viewport. */
async function expectInside(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box, testId).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(800);
  expect(box!.y + box!.height).toBeLessThanOrEqual(500);
  expect(box!.width).toBeGreaterThan(250);
  expect(box!.height).toBeGreaterThan(250);
}

test('fits 800 × 500 without scrollbars and shows the ring and the matrix', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await open(page, '');
  await expect(page.getByTestId('embed')).toBeVisible();
  await expect(page.getByTestId('cluster-ring')).toBeVisible();
  await expect(page.getByTestId('registry-matrix')).toBeVisible();
  await expectInside(page, 'cluster-ring');
  await expectInside(page, 'registry-matrix');
  // The full page's header, controls and inspectors are not there.
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
  await expect(page.getByTestId('share-button')).toHaveCount(0);
  // The minimal controls, and the way out to the full playground.
  for (const id of ['play-toggle', 'step', 'speed', 'clock', 'open-full'])
    await expect(page.getByTestId(id)).toBeVisible();
  await expectNoScrollbars(page);
  // Five nodes, a partition and time running still fit.
  await page.goto('/?embed=1&autoplay=0&nodes=5');
  await page.evaluate(async () => {
    await window.distro.ready;
    await window.distro.act({
      do: 'partition',
      groups: [
        ['n1', 'n2'],
        ['n3', 'n4', 'n5'],
      ],
    });
    await window.distro.advance(8_000);
  });
  await expectNoScrollbars(page);
  await expectInside(page, 'cluster-ring');
  expect(errors).toEqual([]);
});

test('lang, nodes and seed take effect', async ({ page }) => {
  await open(page, 'lang=zh&nodes=5&seed=42');
  const frame = await page.evaluate(() => window.distro.frame());
  expect(frame.seed).toBe(42);
  expect(frame.nodes.map((node) => node.name)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('play-toggle')).toHaveText('播放');
  await expect(page.getByTestId('open-full')).toContainText('完整演练场');
  await expect(page.getByTestId('notices')).toHaveCount(0);
  await expectNoScrollbars(page);
});

test('speed, autoplay and panels take effect', async ({ page }) => {
  await page.goto('/?embed=1&speed=5&autoplay=1&panels=matrix,log');
  await page.evaluate(() => window.distro.ready);
  await expect(page.getByTestId('speed')).toHaveValue('5');
  await expect(page.getByTestId('play-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('embed-panel-matrix')).toBeVisible();
  await expect(page.getByTestId('embed-panel-log')).toBeVisible();
  await expect(page.getByTestId('cluster-ring')).toHaveCount(0);
  await page.waitForFunction(() => window.distro.frame().nowMs > 1_000);
  await expectNoScrollbars(page);
});

test('a built-in scenario plays guided, with its narration', async ({ page }) => {
  await open(page, 'scenario=owner-killed');
  const status = await page.evaluate(() => window.distro.scenarioStatus());
  const builtin = await page.evaluate(() => window.distro.scenarios().find((s) => s.id === 'owner-killed')!);
  expect(status?.name).toBe(builtin.name);
  await page.evaluate(() => window.distro.runUntil(12_000));
  await expect(page.getByTestId('embed-narration')).toBeVisible();
  await expect(page.getByTestId('embed-narration')).not.toBeEmpty();
  await expectNoScrollbars(page);
});

test('bad parameters are named in the page, with what they expect, and the defaults are used', async ({
  page,
}) => {
  await open(
    page,
    'nodes=99&seed=-4&speed=3&panels=ring,radar&scenario=nope&lang=fr&origins=docs.example.com',
  );
  const notices = page.getByTestId('notices');
  await expect(page.getByTestId('param-notice-nodes')).toHaveText(
    'URL parameter nodes=99: expected a whole number from 1 to 32; using 3.',
  );
  await expect(page.getByTestId('param-notice-seed')).toHaveText(
    'URL parameter seed=-4: expected a whole number from 0 to 4294967295; using 1.',
  );
  await expect(page.getByTestId('param-notice-speed')).toContainText(
    'speed=3: expected one of 0.1, 0.25, 0.5, 1, 2, 5',
  );
  await expect(page.getByTestId('param-notice-panels')).toContainText(
    'panels=ring,radar: expected a comma-separated list of ring, matrix, log, inspector, charts, controls; using ring.',
  );
  await expect(page.getByTestId('param-notice-scenario')).toContainText(
    'scenario=nope: expected the id of a built-in scenario',
  );
  await expect(page.getByTestId('param-notice-scenario')).toContainText('owner-killed');
  await expect(page.getByTestId('param-notice-lang')).toContainText('lang=fr: expected en or zh');
  await expect(page.getByTestId('param-notice-origins')).toContainText(
    'origins=docs.example.com: expected a comma-separated list of origins',
  );
  // The defaults: seed 1, three nodes, speed 1, the ring alone, the free playground.
  const frame = await page.evaluate(() => window.distro.frame());
  expect(frame.seed).toBe(1);
  expect(frame.nodes).toHaveLength(3);
  expect(frame.scenario).toBeNull();
  await expect(page.getByTestId('speed')).toHaveValue('1');
  await expect(page.getByTestId('cluster-ring')).toBeVisible();
  await expect(page.getByTestId('registry-matrix')).toHaveCount(0);
  // Still no page scrollbars: the messages scroll in their own strip.
  await expectNoScrollbars(page);
  await notices.getByTestId('param-notice-nodes').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('param-notice-nodes')).toHaveCount(0);
});

test('"Full playground" opens the run there, at the same moment', async ({ page, context }) => {
  await open(page, 'seed=9');
  await page.evaluate(async () => {
    await window.distro.act({ do: 'kill', node: 'n1' });
    await window.distro.advance(4_000);
  });
  const digest = await page.evaluate(() => window.distro.digest());
  const [full] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-full').click()]);
  await full.waitForURL(/#run=1\./);
  await full.evaluate(() => window.distro.ready);
  expect(new URL(full.url()).search).toBe('');
  await expect(full.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await full.evaluate(() => window.distro.frame().nowMs)).toBe(4_000);
  expect(await full.evaluate(() => window.distro.digest())).toBe(digest);
});
