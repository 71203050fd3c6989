import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { signedInPage, useBrowser } from './support/browser';
import { appendLog } from './support/logs';
import { unique, waitUntil } from './support/wait';

describe('alerts', () => {
  const browser = useBrowser();

  it('a rule made in the page fires on an error line of the live log, reaches the bell, and can be muted', async () => {
    const api = await ApiClient.login();
    const { context, page } = await signedInPage(browser(), '/admin/alerts');
    const name = unique('e2e-alert');
    const marker = unique('e2e-alert-line');
    try {
      await page.getByRole('heading', { name: 'Alerts' }).waitFor();
      await page.getByRole('button', { name: 'New alert rule' }).first().click();
      const form = page.getByRole('form', { name: 'New alert rule' });
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('Pattern').fill('(unclosed');
      await form.getByRole('button', { name: 'Create rule' }).click();
      await form.getByText('Not a valid regular expression').waitFor();
      // Only this test's lines count: level error (the default) and the marker.
      await form.getByLabel('Pattern').fill(marker);
      await form.getByRole('textbox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Every superadmin' }).click();
      await form.getByRole('button', { name: 'Create rule' }).click();
      await form.waitFor({ state: 'detached' });

      const row = page.getByTestId('alert-row').filter({ hasText: name });
      await row.waitFor();
      expect(await row.getByTestId('alert-state').textContent()).toBe('ok');

      // The server's own log gets an error line with the marker (a warning does not count).
      appendLog({ level: 'warn', msg: `${marker} only a warning` }, { level: 'error', msg: `${marker} it broke` });

      await row.getByTestId('alert-state').filter({ hasText: 'firing' }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: /^Notifications/ }).click();
      await page
        .getByTestId('notification-row')
        .filter({ hasText: `Alert: ${name} — 1 error matching line in 1 min on vigil` })
        .waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');

      // The firing history.
      await row.getByRole('button', { name: `Show firings of ${name}` }).click();
      await page.getByTestId('firing-row').first().waitFor();

      // Muted for an hour: the badge shows it.
      await row.getByRole('button', { name: `Mute ${name}` }).click();
      await page.getByRole('menuitem', { name: '1 hour' }).click();
      await row.getByTestId('alert-muted').waitFor({ timeout: 10_000 });
      const listed = await waitUntil(
        async () =>
          (await (await api.raw('GET', '/api/admin/alerts')).json()) as { rules: { name: string; muted: boolean }[] },
        (body) => body.rules.some((r) => r.name === name && r.muted),
        { message: 'the rule to be muted on the server' },
      );
      expect(listed.rules.find((r) => r.name === name)?.muted).toBe(true);

      // Deleted, after a confirmation.
      await row.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('button', { name: 'Delete rule' }).click();
      await row.waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
  });

  it("the viewer's filter opens the create form prefilled", async () => {
    const { context, page } = await signedInPage(browser(), '/admin/alerts');
    try {
      await page.goto('/admin/alerts/new?source=vigil&level=warn,error&regex=time(d)%3Fout&exclude=health');
      const form = page.getByRole('form', { name: 'New alert rule' });
      await form.waitFor();
      expect(await form.getByLabel('Name').inputValue()).toBe('Warn/error lines on vigil');
      expect(await form.getByLabel('Pattern').inputValue()).toBe('time(d)?out');
      expect(await form.getByLabel('Exclude').inputValue()).toBe('health');
      await form.getByRole('button', { name: 'Cancel' }).click();
      await page.waitForURL('**/admin/alerts');
    } finally {
      await context.close();
    }
  });
});
