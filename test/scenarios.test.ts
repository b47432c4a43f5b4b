import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/scenarios/parse.ts';
import { runScenario } from '../src/scenarios/run.ts';
import { PROTOCOL_ANCHORS } from '../src/scenarios/schema.ts';
import { createWorld } from '../src/sim/world.ts';

const SCENARIO_DIR = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(SCENARIO_DIR).filter((name) => name.endsWith('.json'));

function load(file: string) {
  const parsed = parseScenario(readFileSync(join(SCENARIO_DIR, file), 'utf8'), `scenarios/${file}`);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}

describe('every shipped scenario passes headless', () => {
  it('ships the six foundation scenarios and the four of the guided tutorial', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of [
      'mod-n-rehash.json',
      'one-way-partition.json',
      'flapping-link.json',
      'verify-repairs-lost-sync.json',
    ]) {
      expect(files).toContain(file);
    }
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

/** Han characters: a Chinese card that is only a copy of the English one has none. */
const HAN = /\p{Script=Han}/u;

describe('every shipped scenario is narrated in English and Chinese', () => {
  for (const file of files) {
    it(`${file}: a description and 4–8 cards in both languages, every card fires, in the order written`, () => {
      const scenario = load(file);
      expect(scenario.description?.en?.trim()).toBeTruthy();
      expect(scenario.description?.zh).toMatch(HAN);
      expect(scenario.narration.length).toBeGreaterThanOrEqual(4);
      expect(scenario.narration.length).toBeLessThanOrEqual(8);
      for (const card of scenario.narration) {
        expect(card.en.trim()).not.toBe('');
        expect(card.zh).toMatch(HAN);
        expect(card.ref, 'every card names the Nacos behaviour behind it').toBeDefined();
      }
      const report = runScenario(scenario, createWorld);
      expect(report.warnings.filter((warning) => warning.startsWith('narration['))).toEqual([]);
      expect(report.narration.map((firing) => firing.index)).toEqual(
        scenario.narration.map((_, index) => index),
      );
      const times = report.narration.map((firing) => firing.atMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });
  }
});

describe('docs/PROTOCOL.md and its Chinese twin', () => {
  const DOCS = join(import.meta.dirname, '..', 'docs');
  const anchorsOf = (name: string) =>
    [...readFileSync(join(DOCS, name), 'utf8').matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map(
      (match) => match[1],
    );

  it('define the same section anchors, every one a narration card may link to', () => {
    const en = anchorsOf('PROTOCOL.md');
    const zh = anchorsOf('PROTOCOL.zh.md');
    expect(zh).toEqual(en);
    expect(en).toEqual(expect.arrayContaining([...PROTOCOL_ANCHORS]));
  });

  it('link only to scenarios that exist', () => {
    for (const name of ['PROTOCOL.md', 'PROTOCOL.zh.md']) {
      const text = readFileSync(join(DOCS, name), 'utf8');
      for (const [, file] of text.matchAll(/\.\.\/scenarios\/([\w-]+\.json)/g)) {
        expect(files, `${name} links to scenarios/${file}`).toContain(file);
      }
    }
  });
});
