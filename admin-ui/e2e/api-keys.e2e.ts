import { describe, expect, it, inject } from 'vitest';
import { ApiClient } from './support/api';
import { badgeText, signedInPage, useBrowser } from './support/browser';
import { unique, waitUntil } from './support/wait';

const LIVE = '[data-testid="stream-state"][data-state="live"]';

describe('API keys', () => {
  const browser = useBrowser();

  it('a key created in the UI sends a notification that arrives in the bell', async () => {
    const api = await ApiClient.login();
    const { context, page } = await signedInPage(browser(), '/admin/api-keys');
    try {
      const name = unique('e2e-key');
      await page.getByRole('button', { name: 'New API key' }).first().click();
      const form = page.getByRole('form', { name: 'New API key' });
      await form.getByLabel('Name').fill(name);
      await form.getByRole('checkbox', { name: /notifications:send/ }).check();
      await form.getByRole('button', { name: 'Create key' }).click();
      const secret = (await page.getByTestId('api-key-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^vgl_[0-9a-f]{64}$/);
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByTestId('api-key-row').filter({ hasText: name }).waitFor({ timeout: 5_000 });

      await page.locator(LIVE).waitFor({ timeout: 10_000 });
      await api.markAllRead();
      await waitUntil(
        () => badgeText(page),
        (text) => text === '',
        { timeout: 5_000, message: 'the badge to clear' },
      );

      const title = unique('sent-with-a-key');
      const response = await fetch(`${inject('baseUrl')}/api/v1/notifications`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ admin_id: api.adminId, type: 'success', title, message: 'from a machine' }),
      });
      expect(response.status).toBe(201);
      await page.getByRole('alert').filter({ hasText: title }).waitFor({ state: 'visible', timeout: 5_000 });
      await waitUntil(
        () => badgeText(page),
        (text) => text === '1',
        { timeout: 5_000, message: 'the unread badge to show 1' },
      );

      // Its use shows in the list, and revoking it locks it out at once.
      await page.reload();
      const row = page.getByTestId('api-key-row').filter({ hasText: name });
      await row.getByText('never').waitFor({ state: 'detached', timeout: 5_000 });
      await row.getByRole('button', { name: `Revoke ${name}` }).click();
      await page.getByRole('button', { name: 'Revoke key' }).click();
      await row.getByText('revoked').waitFor({ timeout: 5_000 });
      const refused = await fetch(`${inject('baseUrl')}/api/v1/notifications`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ all: true, title: 'after revoke' }),
      });
      expect(refused.status).toBe(401);
      expect((await refused.json()).detail).toBe('API key revoked');
    } finally {
      await context.close();
    }
  });
});
