import { expect, type Page, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

/**
 * A link that cannot be opened says what was wrong, in words a person understands, and the
 * default playground opens (never a blank page or a stack trace).
 */

/** Packs JSON the way a link does (deflate-raw + base64url), inside the page. */
function pack(page: Page, json: string): Promise<string> {
  return page.evaluate(async (text) => {
    const stream = new Blob([new TextEncoder().encode(text)])
      .stream()
      .pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }, json);
}

async function goodLink(page: Page): Promise<string> {
  await page.goto('/?autoplay=0');
  await page.evaluate(async () => {
    await window.distro.ready;
    await window.distro.advance(2_000);
    await window.distro.act({ do: 'kill', node: 'n2' });
    await window.distro.advance(1_000);
  });
  return page.evaluate(() => window.distro.permalink());
}

/** Opens the link and checks the message and that the default playground runs. */
async function expectRefused(page: Page, hash: string, message: RegExp): Promise<void> {
  const playground = new Playground(page);
  // A fresh load: on the same address a new fragment alone would open in the running page.
  await page.goto('about:blank');
  await page.goto(`/?autoplay=0#run=${hash}`);
  await page.evaluate(() => window.distro.ready);
  const alert = page.getByTestId('permalink-error');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('This link could not be opened.');
  await expect(alert).toContainText(message);
  await expect(alert).toContainText('The default playground opened instead.');
  // The default playground: seed 1, three nodes, the starter instances, the views drawn.
  const frame = await playground.frame();
  expect(frame.seed).toBe(1);
  expect(frame.nodes.map((node) => node.name)).toEqual(['n1', 'n2', 'n3']);
  expect(frame.clients.map((client) => client.name)).toEqual(['orders-1', 'users-1']);
  await expect(page.getByTestId('cluster-ring')).toBeVisible();
  await expect(page.getByTestId('registry-matrix')).toBeVisible();
  // The bad fragment is gone from the address, so it is not passed on.
  expect(new URL(page.url()).hash).toBe('');
  // A message, not a crash: nothing was thrown or logged as an error.
  await playground.expectNoErrors();
  // The message can be dismissed.
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
}

test('a link cut short', async ({ page }) => {
  const link = await goodLink(page);
  const value = link.split('#run=')[1]!;
  await expectRefused(page, value.slice(0, Math.floor(value.length / 2)), /does not unpack/);
});

test('a link with characters changed', async ({ page }) => {
  const link = await goodLink(page);
  const value = link.split('#run=')[1]!;
  await expectRefused(
    page,
    `${value.slice(0, 12)}$$!${value.slice(15)}`,
    /characters a playground link never has/,
  );
});

test('a link without its data', async ({ page }) => {
  await expectRefused(page, '', /missing or incomplete/);
});

test('a link of an unknown format version', async ({ page }) => {
  const link = await goodLink(page);
  const value = link.split('#run=')[1]!;
  await expectRefused(page, value.replace(/^1\./, '9.'), /link format 9.*reads format 1/);
});

test('a link whose data is not a run', async ({ page }) => {
  await page.goto('/?autoplay=0');
  await expectRefused(page, `1.${await pack(page, '{"scenario": {"seed": ')}`, /not into a run/);
});

test('a tampered link lists what fails validation, as a scenario file would', async ({ page }) => {
  await page.goto('/?autoplay=0');
  const scenario = {
    name: 'x',
    seed: 1,
    cluster: { nodes: 3 },
    durationMs: 5000,
    steps: [
      { atMs: 0, do: 'register', client: 'a', service: 'orders', ip: '10.1.0.1', port: 70000 },
      { atMs: 100, do: 'kill', node: 'n9' },
    ],
  };
  await expectRefused(
    page,
    `1.${await pack(page, JSON.stringify({ scenario, atMs: 5000 }))}`,
    /cannot replay/,
  );
  // The same failure with the lines visible (a fresh load: the first was dismissed).
  await page.goto('about:blank');
  await page.goto(`/?autoplay=0#run=1.${await pack(page, JSON.stringify({ scenario, atMs: 5000 }))}`);
  const alert = page.getByTestId('permalink-error');
  await expect(alert).toContainText('link: steps[0].port: expected an integer from 1 to 65535, got 70000');
});

test('a bad link opened in a running page leaves the run unchanged', async ({ page }) => {
  const playground = new Playground(page);
  await goodLink(page);
  const before = await page.evaluate(async () => ({
    digest: await window.distro.digest(),
    nowMs: window.distro.frame().nowMs,
  }));
  const outcome = await page.evaluate(() => window.distro.openPermalink('http://localhost/#run=1.AAAA'));
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) expect(outcome.problem).toBe('compression');
  const alert = page.getByTestId('permalink-error');
  await expect(alert).toContainText('The run you had is unchanged.');
  const after = await page.evaluate(async () => ({
    digest: await window.distro.digest(),
    nowMs: window.distro.frame().nowMs,
  }));
  expect(after).toEqual(before);
  await playground.expectNoErrors();
});
