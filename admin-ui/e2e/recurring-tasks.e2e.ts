import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { signedInPage, useBrowser } from './support/browser';
import { waitUntil } from './support/wait';

interface Cron {
  cron: { name: string; paused: boolean; next_run?: string }[];
}

describe('recurring tasks', () => {
  const browser = useBrowser();

  it('pauses a task, runs it by hand while paused, shows the run in its history and resumes it', async () => {
    const api = await ApiClient.login();
    const task = 'purge-notifications';
    const paused = async () =>
      (await api.request<Cron>('GET', '/api/admin/cron')).cron.find((c) => c.name === task)?.paused;
    const { context, page } = await signedInPage(browser(), '/admin/jobs');
    try {
      const row = page.getByTestId('cron-row').filter({ hasText: task });
      await row.waitFor();
      await row.getByRole('button', { name: `Pause ${task}` }).click();
      await row.getByTestId('cron-status').filter({ hasText: 'Paused' }).waitFor();
      expect(await paused()).toBe(true);

      await row.getByRole('button', { name: `Run ${task} now` }).click();
      await row.getByRole('button', { name: `Show runs of ${task}` }).click();
      const run = page.getByTestId('cron-runs').getByTestId('cron-run').filter({ hasText: 'Succeeded' });
      await run.first().waitFor({ timeout: 30_000 });
      expect(await paused()).toBe(true);

      await row.getByRole('button', { name: `Resume ${task}` }).click();
      await row.getByRole('button', { name: `Pause ${task}` }).waitFor();
      await waitUntil(paused, (p) => p === false, { message: `${task} to be resumed` });
    } finally {
      await context.close();
      await api.raw('POST', `/api/admin/cron/${task}/resume`);
    }
  });
});
