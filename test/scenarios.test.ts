import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/scenarios/parse.ts';
import { runScenario } from '../src/scenarios/run.ts';
import { createWorld } from '../src/sim/world.ts';

const SCENARIO_DIR = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(SCENARIO_DIR).filter((name) => name.endsWith('.json'));

function load(file: string) {
  const parsed = parseScenario(readFileSync(join(SCENARIO_DIR, file), 'utf8'), `scenarios/${file}`);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

describe('every shipped scenario passes headless', () => {
  it('ships the six foundation scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of files) {
    it(file, () => {
      const report = runScenario(load(file), createWorld);
      const failed = report.expectations.filter((result) => !result.pass).map((result) => result.message);
      expect(failed).toEqual([]);
      expect(report.warnings).toEqual([]);
      expect(report.passed).toBe(true);
    });
  }
});

describe('runs are reproducible', () => {
  for (const file of files) {
    it(`${file}: the same seed gives the same events, another seed other timings`, () => {
      const scenario = load(file);
      const first = runScenario(scenario, createWorld);
      const again = runScenario(scenario, createWorld);
      expect(JSON.stringify(again.events)).toBe(JSON.stringify(first.events));
      expect(again.messages).toEqual(first.messages);
      const other = runScenario(scenario, createWorld, { seed: scenario.seed + 1000 });
      expect(JSON.stringify(other.events)).not.toBe(JSON.stringify(first.events));
    });
  }
});
