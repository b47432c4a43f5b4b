import { mkdirSync } from 'node:fs';
import { type Page, test } from '@playwright/test';
import { test as views } from './support/viewsPage.ts';

/**
 * Screenshots of the ring and the matrix for people to look at: light and dark, desktop
 * and a 390-px phone, with a partition and messages in flight. SHOTS=1 to run; they land
 * in SHOTS_DIR (default /tmp/shots).
 */
test.skip(!process.env.SHOTS, 'screenshots: run with SHOTS=1');

const DIR = process.env.SHOTS_DIR ?? '/tmp/shots';
mkdirSync(DIR, { recursive: true });

type Action = { readonly do: string } & Readonly<Record<string, unknown>>;
const act = (page: Page, action: Action) => page.evaluate((a) => window.distro.act(a), action);
const advance = (page: Page, ms: number) =>
  page.evaluate((d) => window.distro.advance(d).then(() => undefined), ms);

async function playFor(page: Page, speed: number, wallMs: number): Promise<void> {
  await page.evaluate(async (s) => {
    window.viewsHarness?.setSpeed(s);
    await window.distro.play();
  }, speed);
  await page.waitForTimeout(wallMs);
  await page.evaluate(() => window.distro.pause());
}

/** Four services, a partition {n1} | {n2, n3}, and a client that reaches only n1 registering there. */
async function partitionStory(page: Page): Promise<void> {
  await act(page, { do: 'register', client: 'orders-1', service: 'orders', ip: '10.1.0.1', port: 8080 });
  await act(page, { do: 'register', client: 'orders-2', service: 'orders', ip: '10.1.0.2', port: 8080 });
  await act(page, { do: 'register', client: 'users-1', service: 'users', ip: '10.1.0.4', port: 7070 });
  await act(page, { do: 'register', client: 'pay-1', service: 'payments', ip: '10.1.0.3', port: 9090 });
  await advance(page, 5_000);
  await act(page, { do: 'partition', groups: [['n1'], ['n2', 'n3']] });
  await advance(page, 25_000);
  await act(page, {
    do: 'register',
    client: 'late-1',
    service: 'users',
    ip: '10.1.0.9',
    port: 7070,
    via: 'n1',
  });
  await act(page, { do: 'cutClient', client: 'late-1', nodes: ['n2', 'n3'] });
  await advance(page, 4_000);
  await playFor(page, 1, 1_500);
}

/** 16 nodes, eight services, a split 5 | 11, a one-way cut, a killed and a paused node, at 10×. */
async function bigStory(page: Page): Promise<void> {
  const services = ['orders', 'users', 'payments', 'inventory', 'cart', 'search', 'mail', 'auth'];
  for (const [i, service] of services.entries()) {
    await act(page, { do: 'register', client: `${service}-1`, service, ip: `10.1.0.${i + 1}`, port: 8080 });
    await act(page, { do: 'register', client: `${service}-2`, service, ip: `10.1.1.${i + 1}`, port: 8080 });
  }
  await advance(page, 6_000);
  const left = ['n1', 'n2', 'n3', 'n4', 'n5'];
  const right = ['n6', 'n7', 'n8', 'n9', 'n10', 'n11', 'n12', 'n13', 'n14', 'n15', 'n16'];
  await act(page, { do: 'partition', groups: [left, right] });
  await act(page, { do: 'cut', from: 'n7', to: 'n12' });
  await act(page, { do: 'kill', node: 'n9' });
  await act(page, { do: 'pause', node: 'n14' });
  await advance(page, 20_000);
  await playFor(page, 10, 2_000);
}

const SHOTS = [
  { name: 'desktop', width: 1440, height: 1000, nodes: 3, story: partitionStory },
  { name: 'desktop-16', width: 1440, height: 1000, nodes: 16, story: bigStory },
  { name: 'phone', width: 390, height: 844, nodes: 3, story: partitionStory },
] as const;

for (const shot of SHOTS) {
  for (const scheme of ['light', 'dark'] as const) {
    views(`${shot.name} ${scheme}`, async ({ views: page }) => {
      test.setTimeout(60_000);
      await page.page.setViewportSize({ width: shot.width, height: shot.height });
      await page.page.emulateMedia({ colorScheme: scheme });
      await page.open({ nodes: shot.nodes, seed: 5 });
      await shot.story(page.page);
      await page.page.waitForTimeout(1_000);
      await page.page.screenshot({
        path: `${DIR}/views-${shot.name}-${scheme}.png`,
        fullPage: shot.width < 500,
      });
    });
  }
}
