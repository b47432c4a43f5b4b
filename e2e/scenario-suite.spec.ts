import { expect, test } from '@playwright/test';
import { Playground } from './support/playground.ts';
import { builtinIds, readScenario, ScenarioPlayerPage } from './support/scenarioPlayer.ts';

/**
 * The scenario suite: every built-in scenario, in the real app in Chromium with each node in
 * its own Web Worker, played in guided mode to its end through `window.distro` (virtual
 * time, no sleeps). Every expectation must pass, every narration card must fire, and the
 * narration panel must show the last card.
 */

/** Virtual time per `runUntil` call: large, so the suite stays fast; the sim outruns real time. */
const CHUNK_MS = 30_000;

test('distro.scenarios() lists every scenarios/*.json', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open();
  const listed = await page.evaluate(() => window.distro.scenarios().map((entry) => entry.id));
  expect([...listed].sort()).toEqual(builtinIds());
  expect(listed[0]).toBe('register-through-non-owner');
});

for (const id of builtinIds()) {
  test(`${id}: every expectation passes and every card fires`, async ({ page }) => {
    const scenario = readScenario(id);
    const playground = new Playground(page);
    const player = new ScenarioPlayerPage(page);
    await playground.open();

    await page.evaluate((scenarioId) => window.distro.startScenario(scenarioId), id);
    await expect(page.getByTestId('scenario-title')).toBeVisible();
    let now = 0;
    while (now < scenario.durationMs)
      now = await player.runUntil(Math.min(scenario.durationMs, now + CHUNK_MS));

    const status = await player.status();
    expect(status?.name).toBe(scenario.name);
    // The nodes really ran in Web Workers.
    const flags = Object.values(await page.evaluate(() => window.distro.workerFlags()));
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every(Boolean)).toBe(true);

    const results = status?.results ?? [];
    expect(results).toHaveLength(scenario.expect.length);
    expect(results.filter((result) => !result.pass).map((result) => result.message)).toEqual([]);

    const fired = status?.fired ?? [];
    expect(fired.map((card) => card.index).sort((a, b) => a - b)).toEqual(
      scenario.narration.map((_, i) => i),
    );
    const last = fired.at(-1);
    expect(last).toBeDefined();
    await expect(player.currentCardText).toHaveText(scenario.narration[last?.index ?? 0]?.en ?? '');

    await expect(player.results.getByTestId('verdict')).toHaveCount(scenario.expect.length);
    await expect(player.results.locator('[data-testid="verdict"][data-pass="false"]')).toHaveCount(0);
    await playground.expectNoErrors();
  });
}
