import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseScenario } from '../src/scenarios/parse.ts';
import { InProcessRuntime } from '../src/sim/inProcessRuntime.ts';
import { SimService } from '../src/workers/simService.ts';

/**
 * The determinism promise of the worker runtime: every shipped scenario, run with each
 * node in its own Web Worker in Chromium, leaves the same trace, byte for byte, as the
 * same scenario run in one process in Node.
 */
const SCENARIO_DIR = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(SCENARIO_DIR).filter((name) => name.endsWith('.json'));

async function digestInNode(text: string): Promise<string> {
  const parsed = parseScenario(text, 'scenario');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const service = new SimService(() => new InProcessRuntime(), 'in-process');
  await service.loadScenario(parsed.scenario);
  return service.traceDigest();
}

test.beforeEach(async ({ page }) => {
  await page.goto('/lab.html');
  await expect(page.locator('#status')).toHaveText('ready');
});

for (const file of files) {
  test(`${file}: nodes in Web Workers give the same trace as in-process`, async ({ page }) => {
    const text = readFileSync(join(SCENARIO_DIR, file), 'utf8');
    const expected = await digestInNode(text);
    const run = await page.evaluate((scenario) => window.lab.runScenario(scenario, 'workers'), text);
    const flags = Object.values(run.workerFlags);
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every(Boolean)).toBe(true);
    expect(run.digest).toBe(expected);
  });
}

test('a different seed gives a different trace (the digest is not constant)', async ({ page }) => {
  const text = readFileSync(join(SCENARIO_DIR, files[0]!), 'utf8');
  const reseeded = JSON.stringify({ ...JSON.parse(text), seed: 999 });
  const [a, b] = [await digestInNode(text), await digestInNode(reseeded)];
  expect(a).not.toBe(b);
  const run = await page.evaluate((scenario) => window.lab.runScenario(scenario, 'in-process'), reseeded);
  expect(run.digest).toBe(b);
});
