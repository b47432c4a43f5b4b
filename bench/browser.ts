import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { benchScenario } from './scenarioGen.ts';

/**
 * The worker runtime measured in headless Chromium (Debian's, as the e2e tests use it):
 * the same runs with every node in its own Web Worker and with the nodes in the sim
 * worker's own thread, the time 32 new node workers take to answer, and the page's memory
 * with 32 nodes (measureUserAgentSpecificMemory, which needs cross-origin isolation, so
 * this preview server sends COOP/COEP).
 */
const PORT = 4181;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Case {
  readonly name: string;
  readonly nodes: number;
  readonly services: number;
  readonly instances: number;
  readonly timedMs: number;
  readonly targetSpeedup: number;
}

const CASES: readonly Case[] = [
  {
    name: '16 nodes, 2,000 instances',
    nodes: 16,
    services: 200,
    instances: 2000,
    timedMs: 60_000,
    targetSpeedup: 10,
  },
  {
    name: '5 nodes, 100 instances',
    nodes: 5,
    services: 20,
    instances: 100,
    timedMs: 600_000,
    targetSpeedup: 100,
  },
];
const WARMUP_MS = 15_000;

export async function runBrowserBench(): Promise<void> {
  const server = await preview({
    preview: {
      port: PORT,
      strictPort: true,
      headers: {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      },
    },
    logLevel: 'silent',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/lab.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    console.log('\nWorker runtime in headless Chromium (virtual-to-wall speed after a 15 s warm-up)');
    for (const c of CASES) {
      const text = benchScenario(c.nodes, c.services, c.instances, WARMUP_MS + c.timedMs);
      const timings: Record<string, { events: number; virtualMs: number; wallMs: number }> = {};
      for (const runtime of ['workers', 'in-process'] as const) {
        timings[runtime] = await page.evaluate(([t, r, w, e]) => window.lab.timeScenario(t, r, w, e), [
          text,
          runtime,
          WARMUP_MS,
          WARMUP_MS + c.timedMs,
        ] as const);
      }
      const speed = (r: string) => timings[r]!.virtualMs / timings[r]!.wallMs;
      const rate = (r: string) => timings[r]!.events / (timings[r]!.wallMs / 1000);
      for (const runtime of ['workers', 'in-process']) {
        console.log(
          `  ${c.name.padEnd(28)} ${runtime.padEnd(11)} ${Math.round(rate(runtime)).toLocaleString('en-US').padStart(9)} ev/s ${speed(runtime).toFixed(1).padStart(7)}× real time` +
            (runtime === 'workers'
              ? `   target ≥ ${c.targetSpeedup}×: ${speed(runtime) >= c.targetSpeedup ? 'met' : 'MISSED'}`
              : ''),
        );
      }
      console.log(
        `  ${c.name.padEnd(28)} workers ÷ in-process speed: ${(speed('workers') / speed('in-process')).toFixed(2)}`,
      );
    }
    const spawn = await page.evaluate(() => window.lab.spawnTiming(32, true));
    console.log(
      `  32 new node workers all answered in ${spawn.wallMs.toFixed(0)} ms (${spawn.inWorker} report running in a worker)   target ≤ 500 ms: ${spawn.wallMs <= 500 ? 'met' : 'MISSED'}`,
    );
    const memory = await page.evaluate(async () => {
      const measure = (
        performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }
      ).measureUserAgentSpecificMemory;
      return crossOriginIsolated && measure ? (await measure.call(performance)).bytes : null;
    });
    console.log(
      memory === null
        ? '  page memory with 32 nodes: not measurable (no cross-origin isolation)'
        : `  page memory with 32 nodes: ${(memory / 2 ** 20).toFixed(0)} MB (measureUserAgentSpecificMemory, workers included)`,
    );
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
