import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { preview } from 'vite';

/**
 * The UI's two budgets: the initial JavaScript (gzip) and the 95th-percentile frame time with
 * 16 nodes at 10× and messages animating, measured in headless Chromium from the gaps between
 * animation frames.
 */
const PORT = 4182;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DIST = join(import.meta.dirname, '..', 'dist');

/** The scripts index.html loads before anything runs: the entry and its module preloads. */
export function initialJsGzipBytes(): { files: string[]; gzipBytes: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
  const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST, file))).length, 0);
  return { files, gzipBytes };
}

function loadScenario(): string {
  const services = ['orders', 'users', 'payments', 'inventory', 'cart', 'search', 'mail', 'auth'];
  const steps: unknown[] = [];
  services.forEach((service, i) => {
    for (const copy of [0, 1])
      steps.push({
        atMs: i * 200 + copy * 100,
        do: 'register',
        client: `${service}-${copy}`,
        service,
        ip: `10.1.${copy}.${i + 1}`,
        port: 8080,
      });
  });
  const half = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `n${from + i}`);
  steps.push({ atMs: 6000, do: 'partition', groups: [half(1, 6), half(7, 16)] });
  return JSON.stringify({
    name: 'frame-time bench',
    seed: 4,
    cluster: { nodes: 16 },
    durationMs: 600_000,
    steps,
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Collects the gaps between animation frames for 6 s of wall time. */
const SAMPLE_FRAME_GAPS = `new Promise((resolve) => {
  const samples = [];
  let last = performance.now();
  const end = last + 6000;
  const frame = (now) => {
    samples.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(frame);
    else resolve(samples);
  };
  requestAnimationFrame(frame);
})`;

export async function runUiBench(): Promise<void> {
  const bundle = initialJsGzipBytes();
  const kb = bundle.gzipBytes / 1024;
  console.log('\nUI');
  console.log(
    `  initial JavaScript: ${kb.toFixed(1)} kB gzip (${bundle.files.length} files)   target ≤ 200 kB: ${kb <= 200 ? 'met' : 'MISSED'}`,
  );
  const server = await preview({ preview: { port: PORT, strictPort: true }, logLevel: 'silent' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`http://localhost:${PORT}/?autoplay=0&starter=0`);
    await page.evaluate(() => window.distro.ready);
    await page.evaluate(
      (text) => window.distro.startScenario(text, { play: true, speed: 10 }),
      loadScenario(),
    );
    await page.waitForTimeout(1500);
    // A string, not a function: tsx compiles functions with esbuild's keepNames, whose
    // `__name` helper does not exist in the page.
    const gaps = (await page.evaluate(SAMPLE_FRAME_GAPS)) as number[];
    const p95 = percentile(gaps, 95);
    const nowMs = await page.evaluate(() => window.distro.frame().nowMs);
    console.log(
      `  16 nodes at 10×: p95 frame time ${p95.toFixed(1)} ms, median ${percentile(gaps, 50).toFixed(1)} ms over ${gaps.length} frames (virtual clock at ${(nowMs / 1000).toFixed(1)} s)   target ≤ 20 ms: ${p95 <= 20 ? 'met' : 'MISSED'}`,
    );
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
