import { expect, type Locator, type Page } from '@playwright/test';
import type { Frame } from '../../src/sim/frame.ts';
import type { ActOutcome, ResetOptions, SimAction } from '../../src/store/simController.ts';
import type { SessionConfig } from '../../src/workers/simService.ts';

export interface OpenOptions {
  /** Query string without "?": `autoplay=0` by default, so a test drives time itself. */
  readonly query?: string;
}

/**
 * The playground page for the UI tests. Time moves only through `window.distro` (virtual
 * time, deterministic): tests never sleep.
 */
export class Playground {
  /** Console errors and uncaught exceptions seen since `open`. */
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
    page.on('pageerror', (error) => this.errors.push(error.message));
  }

  async open(options: OpenOptions = {}): Promise<void> {
    await this.page.goto(`/?${options.query ?? 'autoplay=0'}`);
    await this.page.evaluate(() => window.distro.ready);
  }

  /** A fresh run; no starter instances unless asked. */
  async reset(
    config: Partial<SessionConfig> = {},
    options: ResetOptions = { starter: false },
  ): Promise<void> {
    await this.page.evaluate(
      async ([c, o]) => {
        await window.distro.pause();
        await window.distro.reset(c, o);
      },
      [config, options] as const,
    );
  }

  async act(action: SimAction): Promise<ActOutcome> {
    return this.page.evaluate((a) => window.distro.act(a), action);
  }

  async advance(ms: number): Promise<number> {
    return this.page.evaluate(async (delta) => (await window.distro.advance(delta)).nowMs, ms);
  }

  async runUntil(ms: number): Promise<number> {
    return this.page.evaluate(async (at) => (await window.distro.runUntil(at)).nowMs, ms);
  }

  async pause(): Promise<void> {
    await this.page.evaluate(() => window.distro.pause());
  }

  async frame(): Promise<Frame> {
    return this.page.evaluate(() => window.distro.frame());
  }

  /** Each node's view of one instance: healthy, unhealthy or missing. */
  async instanceOnNodes(
    service: string,
    instance: string,
    group = 'DEFAULT_GROUP',
  ): Promise<Record<string, string>> {
    const frame = await this.frame();
    const key = `${group}@@${service}`;
    return Object.fromEntries(
      frame.nodes.map((node) => {
        const healthy = node.instances[key]?.[instance];
        return [node.name, healthy === undefined ? 'missing' : healthy ? 'healthy' : 'unhealthy'];
      }),
    );
  }

  // ------------------------------------------------------------------ locators

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get playButton(): Locator {
    return this.page.getByTestId('play-toggle');
  }

  get languageToggle(): Locator {
    return this.page.getByTestId('language-toggle');
  }

  get themeToggle(): Locator {
    return this.page.getByTestId('theme-toggle');
  }

  get clock(): Locator {
    return this.page.getByTestId('clock');
  }

  tab(name: 'nodes' | 'network' | 'clients'): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }

  field(name: string): Locator {
    return this.page.getByTestId(`reg-${name}`);
  }

  get registerErrors(): Locator {
    return this.page.getByTestId('errors-register');
  }

  /** A matrix cell: `[data-testid="cell-<node>-<service>-<ip:port>"]`. */
  cell(node: string, service: string, instance: string): Locator {
    return this.page.locator(`[data-testid="cell-${node}-${service}-${instance}"]`);
  }

  /** Fills the register form (only the given fields) and submits it. */
  async register(values: Readonly<Record<string, string>>): Promise<void> {
    await this.tab('clients').click();
    for (const [name, value] of Object.entries(values)) await this.field(name).fill(value);
    await this.page.getByTestId('reg-submit').click();
  }

  async expectNoErrors(): Promise<void> {
    expect(this.errors).toEqual([]);
  }
}
