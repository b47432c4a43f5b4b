import { expect, test } from '@playwright/test';
import { Playground } from './support/playground.ts';
import { readScenario, ScenarioPlayerPage } from './support/scenarioPlayer.ts';

/** The scenario part of `window.distro`: loading by id, JSON or object; errors; take-over. */

const OWN_SCENARIO = {
  name: '3 nodes: one client registers through n2',
  seed: 11,
  cluster: { nodes: 3 },
  durationMs: 12_000,
  steps: [
    { atMs: 1000, do: 'register', client: 'c1', service: 'orders', ip: '10.1.0.1', port: 8080, via: 'n2' },
  ],
  expect: [{ type: 'instance', service: 'orders', instance: '10.1.0.1:8080', state: 'present', byMs: 6000 }],
  narration: [
    { atMs: 0, en: 'Three nodes, nothing registered.', zh: '三个节点，还没有注册任何实例。' },
    {
      when: { instance: { node: 'n3', service: 'orders', change: 'added' } },
      en: 'n3 has the instance now.',
      zh: 'n3 现在也有这个实例了。',
    },
  ],
};

test('bad scenarios reject with the parser’s readable errors and leave the run alone', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open();
  await page.evaluate(() => window.distro.loadScenario('owner-killed', 5000));
  const before = await playground.frame();

  const unknown = await page.evaluate(() =>
    window.distro.startScenario('no-such-scenario').then(
      () => 'resolved',
      (error: Error) => error.message,
    ),
  );
  expect(unknown).toContain('no built-in scenario "no-such-scenario"');
  expect(unknown).toContain('owner-killed');

  const invalid = await page.evaluate(
    (scenario) =>
      window.distro
        .loadScenario({ ...scenario, steps: [{ ...scenario.steps[0], port: 70000 }], durationMs: -1 })
        .then(
          () => 'resolved',
          (error: Error) => error.message,
        ),
    OWN_SCENARIO,
  );
  expect(invalid.split('\n')).toEqual([
    'scenario: durationMs: expected a whole number of milliseconds from 1 to 86400000, got -1',
    'scenario: steps[0].port: expected an integer from 1 to 65535, got 70000',
  ]);

  const syntax = await page.evaluate(() =>
    window.distro.startScenario('{"name": "x",}').then(
      () => 'resolved',
      (error: Error) => error.message,
    ),
  );
  expect(syntax).toMatch(/^scenario:1:\d+: invalid JSON/);

  const after = await playground.frame();
  expect(after.nowMs).toBe(before.nowMs);
  expect(after.scenario?.name).toBe(before.scenario?.name);
  await playground.expectNoErrors();
});

test('a scenario of your own, as JSON text, plays with its narration and verdicts', async ({ page }) => {
  const playground = new Playground(page);
  const player = new ScenarioPlayerPage(page);
  await playground.open();
  const frame = await page.evaluate((text) => window.distro.loadScenario(text), JSON.stringify(OWN_SCENARIO));
  expect(frame.nowMs).toBe(OWN_SCENARIO.durationMs);
  expect(frame.scenario?.fired.map((card) => card.index)).toEqual([0, 1]);
  expect(frame.scenario?.results?.map((result) => result.pass)).toEqual([true]);
  await expect(page.getByTestId('scenario-title')).toHaveText(`Your scenario: ${OWN_SCENARIO.name}`);
  await expect(player.currentCardText).toHaveText('n3 has the instance now.');
  await playground.expectNoErrors();
});

test('your own action takes over; rewinding and replaying keeps the same history', async ({ page }) => {
  const scenario = readScenario('partition-heal');
  const playground = new Playground(page);
  const player = new ScenarioPlayerPage(page);
  await playground.open();
  await page.evaluate(() => window.distro.loadScenario('partition-heal', 30_000));
  const applied = (await player.status())?.nextStep ?? 0;
  expect(applied).toBeGreaterThan(0);
  expect(applied).toBeLessThan(scenario.steps.length);

  // A kill of your own: the scenario's remaining steps are dropped.
  expect((await playground.act({ do: 'kill', node: 'n3' })).ok).toBe(true);
  await expect(page.getByTestId('scenario-next')).toContainText('You took over at 30.0 s');
  await player.runUntil(60_000);
  const history = await page.evaluate(() => window.distro.recording());
  expect(history.steps).toHaveLength(applied + 1);
  expect(history.steps.at(-1)).toMatchObject({ atMs: 30_000, do: 'kill', node: 'n3' });
  const digest = await page.evaluate(() => window.distro.digest());
  const fired = (await player.status())?.fired;

  // Back before the take-over and forward again: the same steps, the same trace.
  await player.runUntil(10_000);
  expect((await player.status())?.name).toBe(scenario.name);
  await player.runUntil(60_000);
  expect((await page.evaluate(() => window.distro.recording())).steps).toEqual(history.steps);
  expect(await page.evaluate(() => window.distro.digest())).toBe(digest);
  expect((await player.status())?.fired).toEqual(fired);
  await expect(page.getByTestId('scenario-next')).toContainText('You took over at 30.0 s');

  // A reset leaves guided mode.
  await page.evaluate(() => window.distro.reset());
  expect(await page.evaluate(() => window.distro.scenarioStatus())).toBeNull();
  await expect(page.getByTestId('scenario-title')).toHaveCount(0);
  await playground.expectNoErrors();
});

test('time travel keeps your own actions, after the end and after acting in a rewound run', async ({
  page,
}) => {
  const playground = new Playground(page);
  const player = new ScenarioPlayerPage(page);
  await playground.open();
  const steps = () => page.evaluate(async () => (await window.distro.recording()).steps);
  const digest = () => page.evaluate(() => window.distro.digest());

  // After the end every step is applied; an action of your own still survives a rewind.
  await page.evaluate(() => window.distro.loadScenario('register-through-non-owner'));
  expect((await playground.act({ do: 'kill', node: 'n2' })).ok).toBe(true);
  await player.runUntil(25_000);
  const [afterEnd, afterEndDigest] = [await steps(), await digest()];
  await player.runUntil(10_000);
  await player.runUntil(25_000);
  expect(await steps()).toEqual(afterEnd);
  expect(await digest()).toBe(afterEndDigest);

  // Travel back to before some of the scenario's steps and act there: a new branch that
  // drops those steps; travelling again replays exactly that branch.
  await page.evaluate(() => window.distro.loadScenario('owner-killed', 30_000));
  expect((await playground.act({ do: 'kill', node: 'n3' })).ok).toBe(true);
  await player.runUntil(150);
  expect((await playground.act({ do: 'pause', node: 'n2' })).ok).toBe(true);
  await player.runUntil(5000);
  const branch = await steps();
  expect(branch.map((step) => step.atMs)).toEqual([0, 100, 150]);
  const branchDigest = await digest();
  await player.runUntil(120);
  await player.runUntil(5000);
  expect(await steps()).toEqual(branch);
  expect(await digest()).toBe(branchDigest);
  await playground.expectNoErrors();
});
