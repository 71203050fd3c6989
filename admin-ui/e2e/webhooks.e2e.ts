import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { signedInPage, useBrowser } from './support/browser';
import { unique, waitUntil } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

describe('webhooks', () => {
  const browser = useBrowser();

  it('a webhook registered in the page receives a signed notification and its delivery log fills', async () => {
    const api = await ApiClient.login();
    const receiver = await WebhookReceiver.start();
    const { context, page } = await signedInPage(browser(), '/admin/webhooks');
    const name = unique('e2e-hook');
    try {
      await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
      await page.getByRole('button', { name: 'New webhook' }).first().click();
      const form = page.getByRole('form', { name: 'New webhook' });
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('URL').fill('ftp://nope.example');
      await form.getByRole('button', { name: 'Create webhook' }).click();
      await form.getByText('An http or https URL').waitFor();
      await form.getByLabel('URL').fill(receiver.url);
      await form.getByRole('button', { name: 'Create webhook' }).click();

      // The secret, shown once.
      const secret = (await page.getByTestId('webhook-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^whsec_/);
      receiver.secret = secret;
      await page.getByRole('button', { name: 'Done' }).click();
      const row = page.getByTestId('webhook-row').filter({ hasText: name });
      await row.waitFor();
      expect(await row.textContent()).not.toContain(secret);

      const title = unique('e2e-webhook-notification');
      await api.notify(title, { type: 'warning', message: 'sent by the e2e suite' });
      await waitUntil(
        async () => receiver.received.length,
        (n) => n >= 1,
        { timeout: 20_000, message: 'the receiver to get the delivery' },
      );
      expect(receiver.received[0].signatureValid).toBe(true);
      expect(JSON.parse(receiver.received[0].body).notification.title).toBe(title);

      await row.click();
      const log = page.getByTestId('delivery-log');
      const delivered = log.locator('[data-testid="delivery-row"][data-status="delivered"]').filter({ hasText: title });
      await delivered.waitFor({ timeout: 10_000 });
      expect(await delivered.locator('td').nth(3).textContent()).toBe('1');
      expect(await delivered.locator('td').nth(4).textContent()).toBe('200');

      // Send test: a second row, through the same path.
      await row.getByRole('button', { name: `Send test to ${name}` }).click();
      await log
        .locator('[data-testid="delivery-row"][data-status="delivered"]')
        .filter({ hasText: 'Test from Vigil' })
        .waitFor({ timeout: 20_000 });
      expect(receiver.received.at(-1)?.headers['x-vigil-event']).toBe('test');

      // Disable, then delete.
      await row.getByRole('button', { name: `Disable ${name}` }).click();
      await row.getByText('disabled').waitFor();
      await row.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('button', { name: 'Delete webhook' }).click();
      await row.waitFor({ state: 'detached' });
    } finally {
      await context.close();
      await receiver.close();
    }
  });
});
