import { expect, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

test.describe('time', () => {
  test('the clock shows virtual seconds with one decimal', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 5 });
    await app.runUntil(12_345);
    await expect(app.clock).toHaveText('t = 12.3 s');
  });

  test('a fault made with the controls is a timeline marker; scrubbing back undoes it, forward replays it', async ({
    page,
  }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 5, nodeCount: 3 }, { starter: true });
    await app.runUntil(10_000);

    await page.getByTestId('node-row-n2').click();
    await page.getByTestId('node-kill').click();
    await expect(page.getByTestId('node-row-n2')).toContainText('killed');
    await expect(page.locator('[data-testid="timeline-marker"][data-do="kill"]')).toHaveCount(1);
    await app.runUntil(20_000);
    const digestAfter = await page.evaluate(() => window.distro.digest());

    // Back to 5 s: replayed from the seed; n2 is alive again and the kill is "undone".
    await app.runUntil(5000);
    await expect(app.clock).toHaveText('t = 5.0 s');
    await expect(page.getByTestId('node-row-n2')).toContainText('running');
    await expect(page.locator('[data-testid="timeline-marker"][data-do="kill"]')).toHaveClass(/undone/);

    // Forward again: the kill happens again at 10 s, and the run is the same run.
    await app.runUntil(20_000);
    await expect(page.getByTestId('node-row-n2')).toContainText('killed');
    expect(await page.evaluate(() => window.distro.digest())).toBe(digestAfter);
    const recording = await page.evaluate(() => window.distro.recording());
    expect(recording.steps.map((step) => `${step.atMs} ${step.do}`)).toEqual([
      '0 register',
      '0 register',
      '10000 kill',
    ]);
  });

  test('dragging the timeline back travels in time', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 5 });
    await app.runUntil(20_000);
    const track = page.getByTestId('timeline');
    const box = await track.boundingBox();
    if (!box) throw new Error('no timeline');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.5, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.1, y, { steps: 5 });
    await page.mouse.up();
    // The extent is 30 s at 20 s: 10 % of it is 3 s.
    await expect(app.clock).toHaveText('t = 3.0 s');
    // The keyboard moves it too.
    await track.focus();
    await page.keyboard.press('ArrowRight');
    await expect(app.clock).toHaveText('t = 4.0 s');
    await page.keyboard.press('Home');
    await expect(app.clock).toHaveText('t = 0.0 s');
  });

  test('reset keeps the seed, new seed changes it', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.runUntil(4000);
    await page.getByTestId('reset').click();
    await expect(app.clock).toHaveText('t = 0.0 s');
    await expect(page.getByTestId('seed')).toContainText('1');
    await page.getByTestId('new-seed').click();
    await expect.poll(async () => (await app.frame()).seed).not.toBe(1);
    await expect(page.getByTestId('seed')).toContainText(String((await app.frame()).seed));
  });
});
