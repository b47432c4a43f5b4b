import { expect, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

test.describe('the shell', () => {
  test('loads, plays, and logs no console errors', async ({ page }) => {
    const app = new Playground(page);
    await app.open({ query: '' });
    await expect(app.heading).toHaveText('Distro Playground');
    // The starter instances are registered and the run plays at 1×.
    await expect(app.playButton).toHaveAttribute('aria-pressed', 'true');
    await app.pause();
    const frame = await app.frame();
    expect(frame.clients.map((client) => client.instance).sort()).toEqual(['10.1.0.1:8080', '10.1.0.2:7070']);
    // Every node runs in its own Web Worker, and the badge says so.
    await app.advance(3000);
    const flags = await page.evaluate(() => window.distro.workerFlags());
    expect(Object.values(flags)).toEqual([true, true, true]);
    await expect(page.getByTestId('runtime-badge')).toContainText('3 workers');
    await app.expectNoErrors();
  });

  test('the language toggle switches the visible text', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await expect(app.tab('nodes')).toHaveText('Nodes');
    await app.languageToggle.click();
    await expect(app.heading).toHaveText('Distro 演练场');
    await expect(app.tab('nodes')).toHaveText('节点');
    await expect(app.playButton).toContainText('播放');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await app.languageToggle.click();
    await expect(app.heading).toHaveText('Distro Playground');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await app.expectNoErrors();
  });

  test('Space toggles play and → steps, but not while typing', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await expect(app.playButton).toHaveAttribute('aria-pressed', 'false');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Space');
    await expect(app.playButton).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Space');
    await expect(app.playButton).toHaveAttribute('aria-pressed', 'false');
    await app.pause();

    const before = (await app.frame()).nowMs;
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await app.frame()).nowMs).toBeGreaterThan(before);

    // Typing a space in a text field types it.
    await app.tab('clients').click();
    await app.field('service').fill('a');
    await app.field('service').press('Space');
    await expect(app.field('service')).toHaveValue('a ');
    await expect(app.playButton).toHaveAttribute('aria-pressed', 'false');
    await app.expectNoErrors();
  });

  test('the theme follows the system until overridden', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const app = new Playground(page);
    await app.open();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await background();
    await app.themeToggle.click(); // system → light
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await background()).not.toBe(dark);
    await app.themeToggle.click(); // light → dark
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await background()).toBe(dark);
    await app.themeToggle.click(); // dark → system
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  });
});
