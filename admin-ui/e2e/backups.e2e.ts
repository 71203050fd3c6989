import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { loginThroughUi, signedInPage, useBrowser } from './support/browser';
import { unique, waitUntil } from './support/wait';

interface Admin {
  email: string;
}

/** Whether an admin with this email exists. */
async function exists(api: ApiClient, email: string): Promise<boolean> {
  const body = await api.request<{ admins: Admin[] }>('GET', `/api/admin/admins?search=${encodeURIComponent(email)}`);
  return body.admins.some((a) => a.email === email);
}

describe('Backups', () => {
  const browser = useBrowser();

  it('a refused file changes nothing; restoring a listed backup signs out and brings its rows back', async () => {
    const api = await ApiClient.login();
    const before = `${unique('before-restore')}@example.com`;
    const after = `${unique('after-backup')}@example.com`;
    await api.request('POST', '/api/admin/admins', { email: before, password: 'password-123', role: 'viewer' });
    const { backup } = await api.request<{ backup: { name: string } }>('POST', '/api/admin/backups');
    await api.request('POST', '/api/admin/admins', { email: after, password: 'password-123', role: 'viewer' });

    const { context, page } = await signedInPage(browser(), '/admin/backups');
    try {
      // An upload that is not a SQLite database: a clear refusal, and the page stays signed in.
      await page.getByRole('button', { name: 'Restore from file' }).click();
      const dialog = page.getByRole('dialog', { name: 'Restore from a file?' });
      await dialog.locator('input[type="file"]').setInputFiles({
        name: 'notes.db',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('these are not the pages you are looking for'.repeat(10)),
      });
      await dialog.getByRole('button', { name: 'Upload and restore' }).click();
      await dialog.getByText('not a SQLite database').waitFor({ timeout: 10_000 });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect(await exists(api, after)).toBe(true);

      // Restore the listed backup: the confirmation says what will happen.
      const row = page.getByTestId('backup-row').filter({ hasText: backup.name });
      await row.getByRole('button', { name: `Restore ${backup.name}` }).click();
      const confirm = page.getByRole('dialog', { name: 'Restore this backup?' });
      await confirm.getByText('A safety backup of the current database is taken').waitFor();
      await confirm.getByText('Everyone is signed out').waitFor();
      await confirm.getByRole('button', { name: 'Restore backup' }).click();

      // Signed out, with the outcome on screen.
      await page.waitForURL('**/admin/login**', { timeout: 15_000 });
      const outcome = page.getByRole('alert').filter({ hasText: 'Database restored' });
      await outcome.waitFor({ timeout: 5_000 });
      const text = (await outcome.textContent()) ?? '';
      expect(text).toContain(backup.name);
      const safety = /vigil-\d{8}-\d{6}-\d{3}-pre-restore\.db/.exec(text)?.[0];
      expect(safety).toBeTruthy();

      // The old API session ended too; a new one sees the backup's rows and the safety backup.
      expect((await api.raw('GET', '/api/admin/backups')).status).toBe(401);
      const again = await ApiClient.login();
      expect(await exists(again, before)).toBe(true);
      expect(await exists(again, after)).toBe(false);

      await loginThroughUi(page);
      await page.goto('/admin/backups');
      const safetyRow = page.getByTestId('backup-row').filter({ hasText: safety! });
      await safetyRow.getByText('before restore').waitFor();
      await waitUntil(
        () => page.getByTestId('backup-row').count(),
        (n) => n >= 2,
        { timeout: 5_000, message: 'the backup and its safety backup to be listed' },
      );
    } finally {
      await context.close();
    }
  });
});
