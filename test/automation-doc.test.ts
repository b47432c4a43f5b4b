import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

it('the Playwright example in docs/AUTOMATION.md is e2e/scenario-example.spec.ts, which runs', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'AUTOMATION.md'), 'utf8');
  const example = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .find((block) => block.startsWith("import { expect, test } from '@playwright/test';"));
  const spec = readFileSync(join(ROOT, 'e2e', 'scenario-example.spec.ts'), 'utf8');
  // The spec adds one comment block before the code.
  expect(spec.slice(spec.indexOf('*/\n') + 3)).toBe(example);
});
