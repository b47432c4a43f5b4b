import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { Frame } from '../../src/sim/frame.ts';

/** The scenario player's part of the page, for the scenario-*.spec.ts tests. */

const SCENARIO_DIR = join(import.meta.dirname, '..', '..', 'scenarios');

/** The fields of a scenario file these tests read (the file itself is validated by the app). */
export interface ScenarioFile {
  readonly name: string;
  readonly durationMs: number;
  readonly steps: readonly { readonly atMs: number; readonly do: string }[];
  readonly expect: readonly unknown[];
  readonly narration: readonly {
    readonly en: string;
    readonly zh: string;
    readonly atMs?: number;
    readonly when?: unknown;
  }[];
}

/** Built-in ids (file names without `.json`), sorted. */
export function builtinIds(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();
}

export function readScenario(id: string): ScenarioFile {
  return JSON.parse(readFileSync(join(SCENARIO_DIR, `${id}.json`), 'utf8')) as ScenarioFile;
}

export type ScenarioStatus = Frame['scenario'];

export class ScenarioPlayerPage {
  constructor(readonly page: Page) {}

  get select(): Locator {
    return this.page.getByTestId('scenario-select');
  }

  get startButton(): Locator {
    return this.page.getByTestId('scenario-start');
  }

  get takeOverButton(): Locator {
    return this.page.getByTestId('scenario-take-over');
  }

  /** The newest narration card's text. */
  get currentCardText(): Locator {
    return this.page.getByTestId('narration-current').getByTestId('card-text');
  }

  get results(): Locator {
    return this.page.getByTestId('scenario-results');
  }

  async status(): Promise<ScenarioStatus> {
    return this.page.evaluate(() => window.distro.scenarioStatus());
  }

  async runUntil(ms: number): Promise<number> {
    return this.page.evaluate(async (at) => (await window.distro.runUntil(at)).nowMs, ms);
  }

  /**
   * Moves virtual time forward in chunks until narration card `index` has fired (or `limitMs`
   * is reached); returns the time reached. Deterministic: no wall-clock waits.
   */
  async runUntilCard(index: number, limitMs: number, chunkMs = 2000): Promise<number> {
    return this.page.evaluate(
      async ([card, limit, chunk]) => {
        let now = window.distro.frame().nowMs;
        const fired = () => window.distro.scenarioStatus()?.fired.some((f) => f.index === card) ?? false;
        while (!fired() && now < limit)
          now = (await window.distro.runUntil(Math.min(limit, now + chunk))).nowMs;
        return now;
      },
      [index, limitMs, chunkMs] as const,
    );
  }
}
