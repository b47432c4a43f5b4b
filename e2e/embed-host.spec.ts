import { expect, type Frame, type Page, test } from '@playwright/test';

/**
 * The postMessage API, driven from public/embed-example.html: a plain host page that frames
 * the playground and sends it commands from its buttons. Events are collected by the host
 * page in `window.hostEvents`.
 */

interface HostEvent {
  readonly type: string;
  readonly id?: string;
  readonly command?: string;
  readonly message?: string;
  readonly errors?: readonly string[];
  readonly nowMs?: number;
  readonly playing?: boolean;
  readonly nodes?: readonly { readonly name: string; readonly status: string }[];
  readonly scenario?: { readonly id: string | null; readonly name: string } | null;
  readonly scenarios?: readonly string[];
}

declare global {
  interface Window {
    hostEvents: HostEvent[];
  }
}

test.use({ viewport: { width: 1400, height: 900 } });

/** Opens the host page and waits for the playground's `distro:ready`. */
async function openHost(page: Page, query = ''): Promise<Frame> {
  await page.goto(`/embed-example.html${query}`);
  await page.waitForFunction(() => window.hostEvents?.some((event) => event.type === 'distro:ready'));
  const frame = page.frame({ url: /embed=1/ });
  if (frame === null) throw new Error('the playground iframe is missing');
  await frame.evaluate(() => window.distro.ready);
  return frame;
}

/** Waits for the host to have received an event that matches, and returns it. */
async function received(page: Page, match: Partial<HostEvent>): Promise<HostEvent> {
  const handle = await page.waitForFunction(
    (wanted) =>
      window.hostEvents.find((event) =>
        Object.entries(wanted).every(
          ([key, value]) => JSON.stringify((event as never)[key]) === JSON.stringify(value),
        ),
      ),
    match,
  );
  return (await handle.jsonValue()) as HostEvent;
}

function lastId(page: Page): Promise<string> {
  // The host numbers its commands cmd-1, cmd-2, …: the one just sent is the highest.
  return page.evaluate(() => {
    const log = document.querySelectorAll('#log li.sent');
    const text = log[0]?.textContent ?? '';
    return /"id":"(cmd-\d+)"/.exec(text)?.[1] ?? '';
  });
}

test('the host page plays, pauses, kills, partitions, heals and loads a scenario', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const frame = await openHost(page);
  const ready = await received(page, { type: 'distro:ready' });
  expect(ready.scenarios).toContain('owner-killed');
  expect(ready.nodes?.map((node) => node.name)).toEqual(['n1', 'n2', 'n3']);
  expect(ready.playing).toBe(false);

  // Play: the clock moves and frames report it; then pause.
  await page.getByTestId('host-play').click();
  await received(page, { type: 'distro:result', id: await lastId(page), command: 'distro:play' });
  await page.waitForFunction(() =>
    window.hostEvents.some((e) => e.type === 'distro:frame' && e.playing && (e.nowMs ?? 0) > 500),
  );
  await page.getByTestId('host-pause').click();
  const paused = await received(page, { type: 'distro:result', id: await lastId(page) });
  expect(paused.playing).toBe(false);
  expect(await frame.evaluate(() => window.distro.frame().nowMs)).toBe(paused.nowMs);

  // Step: one window further.
  await page.getByTestId('host-step').click();
  const stepped = await received(page, {
    type: 'distro:result',
    id: await lastId(page),
    command: 'distro:step',
  });
  expect(stepped.nowMs!).toBeGreaterThan(paused.nowMs!);

  // Kill n2.
  await page.getByTestId('host-node').selectOption('n2');
  await page.getByTestId('host-kill').click();
  const killed = await received(page, {
    type: 'distro:result',
    id: await lastId(page),
    command: 'distro:kill',
  });
  expect(killed.nodes?.find((node) => node.name === 'n2')?.status).toBe('killed');

  // Partition n1 | n2 n3, then heal.
  await page.getByTestId('host-partition').click();
  await received(page, { type: 'distro:result', id: await lastId(page), command: 'distro:partition' });
  expect(await frame.evaluate(() => window.distro.frame().network.partition.length)).toBe(2);
  await page.getByTestId('host-heal').click();
  await received(page, { type: 'distro:result', id: await lastId(page), command: 'distro:heal' });
  expect(await frame.evaluate(() => window.distro.frame().network.partition.length)).toBe(0);
  const steps = await frame.evaluate(async () =>
    (await window.distro.recording()).steps.map((step) => step.do),
  );
  expect(steps.slice(-3)).toEqual(['kill', 'partition', 'heal']);

  // Run until 20 s.
  await page.getByTestId('host-ms').fill('20000');
  await page.getByTestId('host-run-until').click();
  const ran = await received(page, {
    type: 'distro:result',
    id: await lastId(page),
    command: 'distro:runUntil',
  });
  expect(ran.nowMs).toBe(20_000);

  // Load a built-in scenario: guided, from t = 0.
  await page.getByTestId('host-scenario').selectOption('owner-killed');
  await page.getByTestId('host-load').click();
  const loaded = await received(page, {
    type: 'distro:result',
    id: await lastId(page),
    command: 'distro:loadScenario',
  });
  expect(loaded.scenario?.id).toBe('owner-killed');
  expect(loaded.nowMs).toBe(0);
  const status = await frame.evaluate(() => window.distro.scenarioStatus());
  expect(status?.name).toBe(loaded.scenario?.name);

  // Frames come at most 4 a second.
  await page.getByTestId('host-play').click();
  await page.waitForFunction(() => window.hostEvents.filter((e) => e.type === 'distro:frame').length >= 8);
  const times = await page.evaluate(() => window.hostEvents.filter((e) => e.type === 'distro:frame').length);
  expect(times).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId('host-log')).toContainText('distro:ready');
  await expect(page.getByTestId('host-state')).toContainText('owner');
  expect(errors).toEqual([]);
});

test('frame events are throttled to at most 4 a second', async ({ page }) => {
  await openHost(page, '?autoplay=1&speed=10');
  // From now on, when each frame event arrives (the host page's clock).
  await page.evaluate(() => {
    const times: number[] = [];
    (window as unknown as { frameTimes: number[] }).frameTimes = times;
    window.addEventListener('message', (event) => {
      if ((event.data as { type?: string })?.type === 'distro:frame') times.push(performance.now());
    });
  });
  await page.waitForFunction(() => (window as unknown as { frameTimes: number[] }).frameTimes.length >= 7);
  const times = await page.evaluate(() => (window as unknown as { frameTimes: number[] }).frameTimes);
  // n frames are sent at least 250 ms apart: they span at least (n - 1) × 250 ms (less delivery jitter).
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual((times.length - 1) * 250 - 100);
});

test('a malformed message gets distro:error naming the field and what was expected', async ({ page }) => {
  const frame = await openHost(page);
  // The example's own "any message" box: a node that is a number.
  await page.getByTestId('host-send').click();
  const error = await received(page, { type: 'distro:error', id: 'try-me' });
  expect(error.command).toBe('distro:kill');
  expect(error.message).toBe('node: expected a node name like "n1", got 7');
  // Other mistakes, sent straight from the host page.
  const cases: [unknown, string][] = [
    [{ type: 'distro:jump', id: 'a' }, 'type: expected one of distro:play, distro:pause, distro:step'],
    [
      { type: 'distro:partition', groups: [['n1']], id: 'b' },
      'groups: expected at least two groups, got a list of 1',
    ],
    [
      { type: 'distro:runUntil', ms: 'soon', id: 'c' },
      'ms: expected a whole number of milliseconds from 0 to 86400000, got "soon"',
    ],
    [{ type: 'distro:play', speed: 3, id: 'd' }, 'speed: unknown field'],
    [{ type: 'distro:kill', id: 'e' }, 'node: missing (expected a node name like "n1")'],
    [{ type: 'distro:kill', node: 'n9', id: 'f' }, 'n9'],
    [{ type: 'distro:loadScenario', scenario: 'nope', id: 'g' }, 'no built-in scenario "nope"'],
    [
      {
        type: 'distro:loadScenario',
        scenario: { name: 'x', seed: -1, cluster: { nodes: 3 }, durationMs: 10 },
        id: 'h',
      },
      'scenario: seed: expected an integer from 0 to 4294967295, got -1',
    ],
    ['play', 'message: expected an object like { "type": "distro:play" }, got "play"'],
  ];
  for (const [message] of cases) {
    await page.evaluate((data) => {
      const iframe = document.querySelector('iframe')!;
      iframe.contentWindow!.postMessage(data, new URL(iframe.src).origin);
    }, message as never);
  }
  for (const [message, text] of cases) {
    const id = typeof message === 'object' && message !== null ? (message as { id: string }).id : undefined;
    const found = id
      ? await received(page, { type: 'distro:error', id })
      : ((await (
          await page.waitForFunction(() =>
            window.hostEvents.find((e) => e.type === 'distro:error' && e.id === undefined),
          )
        ).jsonValue()) as HostEvent);
    expect(found.message, JSON.stringify(message)).toContain(text);
  }
  // Nothing was applied and nothing was thrown.
  expect(
    await frame.evaluate(() => window.distro.frame().nodes.every((node) => node.status === 'running')),
  ).toBe(true);
});

test('a message from an origin that is not listed is ignored, with a console warning', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  // The iframe accepts only https://docs.example.org; this host page is on localhost.
  await page.goto('/embed-example.html?origins=https://docs.example.org');
  const frame = page.frame({ url: /embed=1/ });
  await frame!.evaluate(() => window.distro.ready);
  await page.getByTestId('host-node').selectOption('n1');
  await page.getByTestId('host-kill').click();
  await expect.poll(() => warnings.join('\n')).toContain('ignored distro:kill from http://localhost');
  expect(warnings.join('\n')).toContain('allowed: https://docs.example.org');
  // Ignored: no answer, no ready event (the host's origin is not allowed), n1 still runs.
  expect(await page.evaluate(() => window.hostEvents.length)).toBe(0);
  expect(await frame!.evaluate(() => window.distro.frame().nodes[0]!.status)).toBe('running');
});
