import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { build, preview } from 'vite';

/**
 * The views tests' page object. It opens the app when the app already draws the ring
 * (`window.distro` and the ring on the page), otherwise the views harness
 * (e2e/support/views.html) built and served for this test worker only, so the harness
 * never reaches the production bundle. VIEWS_TARGET=app|harness forces one.
 */
export interface OpenOptions {
  readonly nodes?: number;
  readonly seed?: number;
  readonly lang?: 'en' | 'zh';
  /** Harness only: which views to mount (`ring,matrix` by default). */
  readonly views?: string;
}

type Action = { readonly do: string } & Readonly<Record<string, unknown>>;

export class ViewsPage {
  constructor(
    readonly page: Page,
    private readonly harnessUrl: string,
  ) {
    page.on('pageerror', (error) => console.log(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') console.log(`console: ${message.text()} ${message.location().url}`);
    });
  }

  /** A paused run with no starter instances, on the app or the harness. */
  async open(options: OpenOptions = {}): Promise<void> {
    const views = options.views ? `&views=${options.views}` : '';
    const query = `?autoplay=0&starter=0&nodes=${options.nodes ?? 3}&seed=${options.seed ?? 1}&lang=${options.lang ?? 'en'}${views}`;
    const target = process.env.VIEWS_TARGET;
    if (target !== 'harness' && (await this.tryApp(query))) return;
    if (target === 'app') throw new Error('VIEWS_TARGET=app, but the app does not draw the ring yet');
    await this.page.goto(`${this.harnessUrl}${query}`);
    await this.ready();
  }

  private async tryApp(query: string): Promise<boolean> {
    await this.page.goto(`/${query}`);
    const hasApi = await this.page
      .waitForFunction(() => typeof window.distro !== 'undefined', null, { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!hasApi) return false;
    await this.ready();
    return (await this.page.getByTestId('cluster-ring').count()) > 0;
  }

  private async ready(): Promise<void> {
    await this.page.waitForFunction(() => typeof window.distro !== 'undefined');
    await this.page.evaluate(async () => {
      await window.distro.ready;
      await window.distro.pause();
    });
  }

  async act(action: Action): Promise<void> {
    const outcome = await this.page.evaluate((a) => window.distro.act(a), action);
    expect(outcome.errors, `action ${JSON.stringify(action)}`).toEqual([]);
  }

  /** Virtual time forward, exactly. */
  async advance(ms: number): Promise<void> {
    await this.page.evaluate((delta) => window.distro.advance(delta).then(() => undefined), ms);
  }

  async play(speed: number): Promise<void> {
    await this.page.evaluate(async (s) => {
      window.viewsHarness?.setSpeed(s);
      await window.distro.play();
    }, speed);
  }

  nowMs(): Promise<number> {
    return this.page.evaluate(() => window.distro.frame().nowMs);
  }

  cell(node: string, service: string, instance: string): Locator {
    return this.page.getByTestId(`cell-${node}-${service}-${instance}`);
  }

  row(service: string, instance: string): Locator {
    return this.page.getByTestId(`row-${service}-${instance}`);
  }

  chip(node: string, service: string): Locator {
    return this.page.getByTestId(`chip-${node}-${service}`);
  }

  get convergence(): Locator {
    return this.page.getByTestId('convergence');
  }

  get stopwatch(): Locator {
    return this.page.getByTestId('stopwatch');
  }

  node(name: string): Locator {
    return this.page.getByTestId(`node-${name}`);
  }
}

/** Builds the harness once per worker and serves it on a free port. */
async function serveHarness(workerIndex: number): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = join(tmpdir(), `distro-views-harness-${process.pid}-${workerIndex}`);
  await build({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, rollupOptions: { input: 'e2e/support/views.html' } },
  });
  const server = await preview({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false },
  });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/e2e/support/views.html`,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ views: ViewsPage }, { harnessUrl: string }>({
  harnessUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
    async ({}, use, workerInfo) => {
      const harness = await serveHarness(workerInfo.workerIndex);
      await use(harness.url);
      await harness.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  views: async ({ page, harnessUrl }, use) => {
    await use(new ViewsPage(page, harnessUrl));
  },
});

export { expect };
