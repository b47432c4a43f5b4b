import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

/**
 * Import and export: the run saved as a scenario file (which `npm run sim` runs and which
 * replays the same trace when opened again), the trace file, and opening scenario files by
 * the file picker or by dropping them on the page, with their errors shown inline.
 */

const ROOT = join(import.meta.dirname, '..');

async function makeRun(playground: Playground): Promise<{ digest: string; nowMs: number }> {
  await playground.reset({ seed: 31, nodeCount: 4, link: { latencyMs: 25, jitterMs: 8 } });
  const act = async (action: Record<string, unknown> & { do: string }) =>
    expect((await playground.act(action)).errors).toEqual([]);
  await act({ do: 'register', client: 'a', service: 'orders', ip: '10.1.0.1', port: 8080 });
  await act({ do: 'register', client: 'b', service: 'users', ip: '10.1.0.2', port: 7070, via: 'n4' });
  await playground.advance(5_123);
  await act({ do: 'cut', from: 'n1', to: 'n2' });
  await playground.advance(7_001);
  await act({ do: 'heal' });
  await act({ do: 'stopClient', client: 'b' });
  const nowMs = await playground.advance(9_876);
  return { digest: await digest(playground.page), nowMs };
}

function digest(page: Page): Promise<string> {
  return page.evaluate(() => window.distro.digest());
}

async function save(page: Page, testId: string): Promise<{ name: string; path: string; text: string }> {
  const dialog = page.getByTestId('files-dialog');
  if (!(await dialog.isVisible())) await page.getByTestId('files-button').click();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId(testId).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

test('a run saved as a scenario file runs in npm run sim and replays the same trace when opened', async ({
  page,
}) => {
  const playground = new Playground(page);
  await playground.open();
  const original = await makeRun(playground);
  const file = await save(page, 'save-scenario');
  expect(file.name).toBe('distro-run-seed31-22_0s.json');
  const scenario = JSON.parse(file.text);
  expect(scenario).toMatchObject({
    seed: 31,
    cluster: { nodes: 4, link: { latencyMs: 25, jitterMs: 8 } },
    durationMs: original.nowMs,
  });
  expect(scenario.steps.map((step: { do: string }) => step.do)).toEqual([
    'register',
    'register',
    'cut',
    'heal',
    'stopClient',
  ]);
  await expect(page.getByTestId('files-dialog')).toContainText(`Saved ${file.name}.`);

  // The headless runner accepts it (exit code 0) and ends where the run ended.
  const report = JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/sim.ts'), file.path, '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  );
  expect(report.endMs).toBe(original.nowMs);
  expect(report.passed).toBe(true);

  // Somewhere else entirely, then the file again: the same trace at the same time.
  await page.keyboard.press('Escape');
  await playground.reset({ seed: 2, nodeCount: 3 });
  await page.getByTestId('files-button').click();
  await page
    .getByTestId('scenario-file-input')
    .setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await expect(page.getByTestId('import-status')).toContainText(`Opened ${file.name}`);
  expect((await playground.frame()).nowMs).toBe(0);
  expect(await page.evaluate(() => window.distro.scenarioStatus()?.name)).toBe(scenario.name);
  await playground.runUntil(original.nowMs);
  expect(await digest(page)).toBe(original.digest);
  await playground.expectNoErrors();
});

test('the trace file holds the recording, the state, the digest and the message log', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open();
  const original = await makeRun(playground);
  const file = await save(page, 'save-trace');
  expect(file.name).toBe('distro-trace-seed31-22_0s.json');
  const trace = JSON.parse(file.text);
  expect(trace).toMatchObject({ format: 'distro-playground-trace', version: 1, digest: original.digest });
  expect(trace.nowMs).toBe(original.nowMs);
  expect(trace.recording.steps).toHaveLength(5);
  expect(trace.scenario.steps).toHaveLength(5);
  expect(trace.state.nodes.map((node: { name: string }) => node.name)).toEqual(['n1', 'n2', 'n3', 'n4']);
  expect(typeof trace.state.converged).toBe('boolean');
  expect(trace.messages.length).toBeGreaterThan(50);
  expect(trace.messages[0]).toHaveProperty('text');
  expect(trace.events.length).toBeGreaterThan(0);
});

test('a malformed scenario file shows its errors inline and leaves the run unchanged', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open();
  const original = await makeRun(playground);
  await page.getByTestId('files-button').click();
  const bad = {
    name: 'broken',
    seed: 1,
    cluster: { nodes: 3 },
    durationMs: 1000,
    steps: [
      { atMs: 0, do: 'register', client: 'a', service: 'orders', ip: '10.1.0.300', port: 8080 },
      { atMs: 10, do: 'explode' },
    ],
  };
  await page.getByTestId('scenario-file-input').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad, null, 2)),
  });
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('broken.json was not opened; the current run is unchanged.');
  await expect(errors).toContainText(
    'broken.json: steps[0].ip: expected a dotted IPv4 address like 10.1.0.1, got "10.1.0.300"',
  );
  await expect(errors).toContainText('broken.json: steps[1].do: expected one of register');
  // Not JSON at all: the line and column of the mistake.
  await page.getByTestId('scenario-file-input').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "name": "x",\n  seed: 1\n}'),
  });
  await expect(errors).toContainText('notes.json:3:3: invalid JSON');
  const after = { digest: await digest(page), nowMs: (await playground.frame()).nowMs };
  expect(after).toEqual(original);
  await playground.expectNoErrors();
});

test('a scenario file dropped on the page opens; a bad one shows its errors', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open();
  const text = readFileSync(join(ROOT, 'scenarios', 'owner-killed.json'), 'utf8');
  const drop = (name: string, content: string) =>
    page.evaluate(
      ([fileName, body]) => {
        const data = new DataTransfer();
        data.items.add(new File([body], fileName, { type: 'application/json' }));
        window.dispatchEvent(
          new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }),
        );
        document.body.dispatchEvent(
          new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
        );
      },
      [name, content] as const,
    );
  await drop('owner-killed.json', text);
  await expect(page.getByTestId('files-dialog')).toBeVisible();
  await expect(page.getByTestId('import-status')).toContainText('Opened owner-killed.json');
  const name = JSON.parse(text).name;
  expect(await page.evaluate(() => window.distro.scenarioStatus()?.name)).toBe(name);
  const before = await digest(page);
  await drop('empty.json', '{}');
  await expect(page.getByTestId('import-errors')).toContainText('empty.json: seed: missing');
  expect(await page.evaluate(() => window.distro.scenarioStatus()?.name)).toBe(name);
  expect(await digest(page)).toBe(before);
});
