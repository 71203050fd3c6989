import { describe, expect, it } from 'vitest';
import { signedInPage, useBrowser } from './support/browser';

describe('Database', () => {
  const browser = useBrowser();

  it('shows the figures and tables, and runs an integrity check and a confirmed vacuum as jobs', async () => {
    const { context, page } = await signedInPage(browser(), '/admin/database');
    try {
      await page.getByRole('heading', { name: 'Database', level: 2 }).waitFor();
      await page.getByTestId('sqlite-details').getByText('journal mode wal').waitFor({ timeout: 10_000 });
      await page.getByTestId('table-row').filter({ hasText: 'jobrunr_jobs' }).waitFor();
      await page.getByTestId('table-row').filter({ hasText: 'database_checks' }).waitFor();

      // The job server polls every 5 s: the result shows when the job has run, without a reload.
      const integrity = page.getByTestId('check-integrity_check');
      const ok = integrity.getByText('ok', { exact: true });
      await integrity.getByRole('button', { name: 'Run integrity check' }).click();
      // An earlier spec's check may show its result until this one is queued.
      await ok.waitFor({ state: 'detached', timeout: 10_000 });
      await ok.waitFor({ timeout: 30_000 });
      await integrity.getByText('no problems found').waitFor();

      const vacuum = page.getByTestId('check-vacuum');
      await vacuum.getByRole('button', { name: 'Run vacuum' }).click();
      const dialog = page.getByRole('dialog', { name: 'Vacuum the database?' });
      await dialog.getByText('every write waits').waitFor();
      await dialog.getByRole('button', { name: 'Run vacuum' }).click();
      await dialog.waitFor({ state: 'detached' });
      await vacuum.getByText(/^reclaimed /).waitFor({ timeout: 30_000 });

      const history = page.getByTestId('check-row');
      expect(await history.filter({ hasText: 'Vacuum' }).count()).toBeGreaterThanOrEqual(1);
      expect(await history.filter({ hasText: 'Integrity check' }).count()).toBeGreaterThanOrEqual(1);
    } finally {
      await context.close();
    }
  });
});
