import { expect, type Page, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

/**
 * Permalinks: a run in the URL's fragment (`#run=1.<base64url(deflate-raw(JSON))>`).
 * Opening one replays the same run to the same virtual time and pauses there.
 */

/** A run with faults at odd times, paced in uneven slices. Returns its digest and clock. */
async function makeRun(playground: Playground): Promise<{ digest: string; nowMs: number }> {
  await playground.reset({ seed: 23, nodeCount: 4 });
  const actions = [
    { do: 'register', client: 'a', service: 'orders', ip: '10.1.0.1', port: 8080, via: 'n2' },
    { do: 'register', client: 'b', service: 'users', ip: '10.1.0.2', port: 7070, metadata: { zone: 'b' } },
  ];
  for (const action of actions) expect((await playground.act(action)).errors).toEqual([]);
  await playground.advance(4_321);
  expect((await playground.act({ do: 'kill', node: 'n3' })).errors).toEqual([]);
  await playground.advance(6_007);
  expect(
    (
      await playground.act({
        do: 'partition',
        groups: [
          ['n1', 'n2'],
          ['n3', 'n4'],
        ],
      })
    ).errors,
  ).toEqual([]);
  await playground.advance(5_555);
  expect((await playground.act({ do: 'heal' })).errors).toEqual([]);
  expect((await playground.act({ do: 'restart', node: 'n3' })).errors).toEqual([]);
  const nowMs = await playground.advance(7_913);
  return { digest: await digest(playground.page), nowMs };
}

function digest(page: Page): Promise<string> {
  return page.evaluate(() => window.distro.digest());
}

test('a permalink replays the same run to the same virtual time, paused', async ({ page, context }) => {
  const playground = new Playground(page);
  await playground.open();
  const original = await makeRun(playground);
  const link = await page.evaluate(() => window.distro.permalink());
  expect(link).toMatch(/^http:\/\/localhost:\d+\/#run=1\.[A-Za-z0-9_-]+$/);

  const other = await context.newPage();
  const replay = new Playground(other);
  await other.goto(link);
  await other.evaluate(() => window.distro.ready);
  expect(await other.evaluate(() => window.distro.frame().nowMs)).toBe(original.nowMs);
  expect(await digest(other)).toBe(original.digest);
  // Paused at the link's moment, the same actions recorded.
  await expect(replay.playButton).toHaveAttribute('aria-pressed', 'false');
  await expect(replay.clock).toContainText((Math.floor(original.nowMs / 100) / 10).toFixed(1));
  const steps = await other.evaluate(async () => (await window.distro.recording()).steps.map((s) => s.do));
  expect(steps).toEqual(['register', 'register', 'kill', 'partition', 'heal', 'restart']);
  await expect(other.getByTestId('permalink-error')).toHaveCount(0);
  // The replayed run goes on exactly as the original would.
  await replay.advance(3_000);
  await playground.advance(3_000);
  expect(await digest(other)).toBe(await digest(page));
  await replay.expectNoErrors();
  await playground.expectNoErrors();
});

test('the share dialog copies the link and confirms it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const playground = new Playground(page);
  await playground.open();
  await makeRun(playground);
  await page.getByTestId('share-button').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  const field = dialog.getByTestId('share-link-field');
  await expect(field).toHaveValue(/#run=1\./);
  const link = await field.inputValue();
  expect(link).toBe(await page.evaluate(() => window.distro.permalink()));
  await dialog.getByTestId('share-link-copy').click();
  await expect(dialog.getByTestId('share-link-status')).toHaveText(/Copied/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // The embed snippet opens the same run in the compact layout.
  await expect(dialog.getByTestId('share-embed-field')).toHaveValue(
    `<iframe src="${link.replace('/#run=', '/?embed=1#run=')}" width="800" height="500" style="border:0" title="Distro Playground" loading="lazy"></iframe>`,
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await playground.expectNoErrors();
});

test('when copying is refused, the link is selected and the dialog says how to copy it', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new Error('denied')) },
    });
    document.execCommand = () => false;
  });
  const playground = new Playground(page);
  await playground.open();
  await page.getByTestId('share-button').click();
  const dialog = page.getByTestId('share-dialog');
  await dialog.getByTestId('share-link-copy').click();
  await expect(dialog.getByTestId('share-link-status')).toHaveText(/did not allow copying.*Ctrl\+C/);
  const selected = await page.evaluate(() => {
    const field = document.activeElement as HTMLInputElement;
    return field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0);
  });
  expect(selected).toMatch(/#run=1\./);
});

test('a #run= pasted into the open page replaces the run without a reload', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open();
  const original = await makeRun(playground);
  const link = await page.evaluate(() => window.distro.permalink());
  await playground.reset({ seed: 2, nodeCount: 3 });
  expect(await digest(page)).not.toBe(original.digest);
  await page.evaluate(() => window.distro.pause());
  await page.evaluate((hash) => {
    location.hash = hash;
  }, new URL(link).hash);
  await page.waitForFunction((nowMs) => window.distro.frame().nowMs === nowMs, original.nowMs);
  expect(await digest(page)).toBe(original.digest);
});

test('a link made during a guided scenario opens it guided, with its narration, at the same moment', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open();
  await page.evaluate(() => window.distro.startScenario('owner-killed'));
  await playground.runUntil(30_000);
  const original = await digest(page);
  const cards = await page.getByTestId('narration-card').count();
  const link = await page.evaluate(() => window.distro.permalink());

  const second = await page.context().newPage();
  const reopened = new Playground(second);
  await second.goto(link);
  await second.evaluate(() => window.distro.ready);
  await expect(second.getByTestId('clock')).toHaveText(/30\.0/);
  await expect(second.getByTestId('scenario-title')).toHaveText('The owner is killed');
  await expect(second.getByTestId('narration-current')).toBeVisible();
  expect(await second.getByTestId('narration-card').count()).toBe(cards);
  expect(await digest(second)).toBe(original);
  // Still guided: the scenario's later steps happen as time reaches them.
  const frame = await second.evaluate(() => window.distro.runUntil(90_000));
  expect(frame.scenario?.results?.every((result) => result.pass)).toBe(true);
  await reopened.expectNoErrors();
});
