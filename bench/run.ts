import { execSync } from 'node:child_process';
import { runBrowserBench } from './browser.ts';
import { type BenchCase, type BenchFigures, runInProcess } from './inProcess.ts';
import { runUiBench } from './ui.ts';

const HOUR_MS = 3_600_000;

/** The foundation issue's in-process cases and their targets. */
const CASES: readonly (BenchCase & { target: string; meets: (f: BenchFigures) => boolean })[] = [
  {
    name: '5 nodes, 100 instances',
    nodeCount: 5,
    serviceCount: 20,
    instanceCount: 100,
    durationMs: HOUR_MS,
    target: 'hour < 1 s wall',
    meets: (f) => f.wallMs < 1000,
  },
  {
    name: '16 nodes, 2,000 instances',
    nodeCount: 16,
    serviceCount: 200,
    instanceCount: 2000,
    durationMs: HOUR_MS,
    target: 'none set',
    meets: () => true,
  },
  {
    name: '64 nodes, 1,000 services, 10,000 instances',
    nodeCount: 64,
    serviceCount: 1000,
    instanceCount: 10_000,
    durationMs: HOUR_MS,
    target: '≥ 40× real time',
    meets: (f) => f.speedup >= 40,
  },
];

function format(figures: BenchFigures, target: string, ok: boolean): string {
  return [
    `  ${figures.name.padEnd(44)}`,
    `${(figures.events / 1e6).toFixed(2)} M events`.padStart(16),
    `${Math.round(figures.eventsPerSecond).toLocaleString('en-US')} ev/s`.padStart(16),
    `${(figures.wallMs / 1000).toFixed(2)} s wall`.padStart(13),
    `${figures.speedup.toFixed(0)}× real time`.padStart(16),
    `${figures.peakHeapMb.toFixed(0)} MB heap`.padStart(13),
    `   target ${target}: ${ok ? 'met' : 'MISSED'}`,
  ].join('');
}

/** `npm run bench [-- in-process|browser]`: both parts by default (browser = worker runtime + UI). */
const part = process.argv[2];
if (part !== 'browser') {
  console.log(`In-process runtime, one simulated hour each (Node ${process.version})`);
  for (const benchCase of CASES) {
    const figures = runInProcess(benchCase);
    console.log(format(figures, benchCase.target, benchCase.meets(figures)));
  }
}
if (part !== 'in-process') {
  execSync('npx vite build --logLevel error', { stdio: 'inherit' });
  await runBrowserBench();
  await runUiBench();
}
