import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { Playground } from './support/playground.ts';
import { readScenario, ScenarioPlayerPage } from './support/scenarioPlayer.ts';

/**
 * The guided scenario player in the UI: pick, start, follow the narration in both
 * languages, take over. Time moves through `window.distro` only (virtual time, no sleeps).
 */

test('pick a scenario, start it, follow a card in English and Chinese, take over', async ({ page }) => {
  const id = 'one-way-partition';
  const scenario = readScenario(id);
  const playground = new Playground(page);
  const player = new ScenarioPlayerPage(page);
  await playground.open();

  await player.select.selectOption(id);
  await expect(page.getByTestId('scenario-description')).toContainText(
    'Only messages from n1 to n2 are lost',
  );
  await player.startButton.click();
  // Start plays at 2×; the test takes the clock back.
  await expect(page.getByTestId('speed')).toHaveValue('2');
  await expect(playground.playButton).toHaveAttribute('aria-pressed', 'true');
  await playground.pause();
  await page.evaluate(() => window.distro.runUntil(0));
  await expect(page.getByTestId('scenario-title')).toHaveText('A one-way (asymmetric) partition');
  await expect(player.startButton).toHaveText('Restart');

  // The timed card at 0 s is there at once; the first event card waits for its event.
  const first = scenario.narration.findIndex((card) => card.when !== undefined);
  expect(first).toBeGreaterThan(0);
  await expect(player.currentCardText).toHaveText(scenario.narration[0]?.en ?? '');
  await expect(page.getByTestId('narration-waiting')).toBeVisible();
  const reached = await player.runUntilCard(first, scenario.durationMs);
  expect((await player.status())?.fired.map((card) => card.index)).toContain(first);
  expect(reached).toBeLessThan(scenario.durationMs);
  await expect(player.currentCardText).toHaveText(scenario.narration[first]?.en ?? '');
  await expect(page.getByTestId('narration-history').getByTestId('card-text')).toHaveText([
    scenario.narration[0]?.en ?? '',
  ]);

  await playground.languageToggle.click();
  await expect(player.currentCardText).toHaveText(scenario.narration[first]?.zh ?? '');
  await expect(page.getByTestId('scenario-title')).toHaveText('单向（非对称）分区');
  await expect(page.getByTestId('scenario-steps')).toContainText('已执行 4/5 个步骤');

  // Take over before the heal at 70 s: the heal never happens, the cut stays.
  const heal = scenario.steps.findIndex((step) => step.do === 'heal');
  expect(scenario.steps[heal]?.atMs).toBeGreaterThan(reached);
  await player.takeOverButton.click();
  await expect(page.getByTestId('scenario-next')).toContainText('接管');
  await expect(player.takeOverButton).toBeDisabled();
  await player.runUntil(scenario.durationMs);
  const status = await player.status();
  expect(status?.nextStep).toBe(status?.stepCount);
  const frame = await playground.frame();
  expect(frame.network.cuts).toHaveLength(1);
  const recorded = await page.evaluate(() => window.distro.recording());
  expect(recorded.steps.map((step) => step.do)).not.toContain('heal');
  // The card about the heal waits for an event that never comes.
  expect(status?.fired.map((card) => card.index)).not.toContain(scenario.narration.length - 1);
  // The normal controls drive the run now: heal it by hand.
  expect((await playground.act({ do: 'heal' })).ok).toBe(true);
  expect((await playground.frame()).network.cuts).toHaveLength(0);
  await playground.expectNoErrors();
});

test('a card links to its reference and to the protocol guide, in the current language', async ({ page }) => {
  const playground = new Playground(page);
  const player = new ScenarioPlayerPage(page);
  await playground.open();
  await page.evaluate(() => window.distro.loadScenario('owner-killed', 43_000));

  const card = page.getByTestId('narration-current');
  await expect(card.getByTestId('card-ref')).toHaveAttribute(
    'href',
    'https://github.com/alibaba/nacos/issues/1873',
  );
  await card.getByTestId('card-learn-more').click();
  const dialog = page.getByTestId('doc-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(
    '7. Heartbeats and expiry, only on the owner',
  );
  await expect(dialog).toContainText('Heartbeats are not replicated.');
  await dialog.getByTestId('doc-close').click();
  await expect(dialog).toBeHidden();

  await playground.languageToggle.click();
  await page.getByTestId('narration-history').getByTestId('card-learn-more').first().click();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('3. 谁来负责：DistroMapper');
  await expect(dialog).toContainText('摘自 docs/PROTOCOL.zh.md');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(player.currentCardText).toContainText('issue #1873');
  await playground.expectNoErrors();
});

test('the verdicts appear at the end, and time travel stays in the scenario', async ({ page }) => {
  const scenario = readScenario('owner-killed');
  const playground = new Playground(page);
  const player = new ScenarioPlayerPage(page);
  await playground.open();
  await page.evaluate(() => window.distro.startScenario('owner-killed'));
  await expect(page.getByTestId('verdicts-pending')).toContainText('90.0');

  await player.runUntil(46_000);
  const before = await player.status();
  expect(before?.fired.length).toBeGreaterThan(2);

  // Back to 10 s: the scenario replays from its seed, with only the first card.
  await player.runUntil(10_000);
  const back = await player.status();
  expect(back?.name).toBe(scenario.name);
  expect(back?.fired.map((card) => card.index)).toEqual([0]);
  expect(back?.nextStep).toBe(4);
  await expect(player.currentCardText).toHaveText(scenario.narration[0]?.en ?? '');

  // Forward again: the same cards at the same times.
  await player.runUntil(46_000);
  expect((await player.status())?.fired).toEqual(before?.fired);

  await player.runUntil(scenario.durationMs);
  await expect(player.results).toContainText(`${scenario.expect.length} of ${scenario.expect.length} passed`);
  await playground.languageToggle.click();
  await expect(player.results).toContainText('n2 看到 n1 为 DOWN');
  await playground.expectNoErrors();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the player and the guide dialog have no serious accessibility problems (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const playground = new Playground(page);
    await playground.open();
    await page.evaluate(() => window.distro.loadScenario('owner-killed'));
    const axe = () =>
      new AxeBuilder({ page })
        .include('[data-panel="scenario"]')
        .analyze()
        .then((results) =>
          results.violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map(
              (violation) =>
                `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
            ),
        );
    expect(await axe()).toEqual([]);
    await page.getByTestId('narration-current').getByTestId('card-learn-more').click();
    await expect(page.getByTestId('doc-dialog')).toBeVisible();
    expect(await axe()).toEqual([]);
  });
}
