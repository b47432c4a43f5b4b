import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, builtinScenario } from './builtins.ts';

const files = readdirSync(join(import.meta.dirname, '..', '..', 'scenarios')).filter((name) =>
  name.endsWith('.json'),
);

describe('built-in scenarios', () => {
  it('bundles every scenarios/*.json, each once, with its file name as id', () => {
    const ids = BUILTIN_SCENARIOS.map((entry) => entry.id);
    expect([...ids].sort()).toEqual(files.map((file) => file.replace(/\.json$/, '')).sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts the tutorial with one write and its replication', () => {
    expect(BUILTIN_SCENARIOS[0]?.id).toBe('register-through-non-owner');
    expect(builtinScenario('owner-killed')?.scenario.cluster.nodes).toBe(3);
    expect(builtinScenario('nope')).toBeUndefined();
  });

  it('gives every built-in a short title and a description in both languages', () => {
    for (const { id, title, scenario } of BUILTIN_SCENARIOS) {
      expect(title.en, id).not.toBe(scenario.name);
      expect(title.zh.length, id).toBeGreaterThan(0);
      expect(scenario.description?.en?.length ?? 0, id).toBeGreaterThan(0);
      expect(scenario.description?.zh?.length ?? 0, id).toBeGreaterThan(0);
      expect(scenario.narration.length, id).toBeGreaterThan(0);
    }
  });
});
