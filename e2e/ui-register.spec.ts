import { expect, test } from '@playwright/test';
import { Playground } from './support/playground.ts';

test.describe('registering an instance', () => {
  test('an invalid port shows the error next to the form and keeps what was typed', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 3, nodeCount: 3 });
    await app.register({ service: 'billing', ip: '10.1.0.9', port: '70000', metadata: '{"zone":"a"}' });

    await expect(app.registerErrors).toContainText('port: expected an integer from 1 to 65535');
    await expect(page.getByTestId('reg-port-error')).toBeVisible();
    await expect(app.field('port')).toHaveAttribute('aria-invalid', 'true');
    await expect(app.field('service')).toHaveValue('billing');
    await expect(app.field('ip')).toHaveValue('10.1.0.9');
    await expect(app.field('port')).toHaveValue('70000');
    await expect(app.field('metadata')).toHaveValue('{"zone":"a"}');
    // Nothing was registered.
    expect((await app.frame()).clients).toEqual([]);

    // Bad metadata is caught before it is sent.
    await app.field('port').fill('8080');
    await app.field('metadata').fill('{zone: a}');
    await page.getByTestId('reg-submit').click();
    await expect(app.registerErrors).toContainText('metadata');
    await expect(app.field('metadata')).toHaveValue('{zone: a}');
    await app.expectNoErrors();
  });

  test('a valid instance reaches every node within 5 s of virtual time', async ({ page }) => {
    const app = new Playground(page);
    await app.open();
    await app.reset({ seed: 3, nodeCount: 3 });
    await app.register({ service: 'billing', ip: '10.1.0.9', port: '9000' });
    await expect(page.getByTestId('reg-done')).toContainText('10.1.0.9:9000');
    await expect(app.registerErrors).toBeEmpty();
    await expect(page.getByTestId('client-billing-1')).toBeVisible();

    await app.advance(5000);
    // The registry matrix shows it on every node, and the simulator agrees.
    for (const node of ['n1', 'n2', 'n3']) {
      await expect(app.cell(node, 'DEFAULT_GROUP@@billing', '10.1.0.9:9000')).toHaveAttribute(
        'data-state',
        'healthy',
      );
    }
    expect(await app.instanceOnNodes('billing', '10.1.0.9:9000')).toEqual({
      n1: 'healthy',
      n2: 'healthy',
      n3: 'healthy',
    });
    // The form is ready for the next instance.
    await expect(app.field('ip')).toHaveValue('10.1.0.10');
    await app.expectNoErrors();
  });
});
