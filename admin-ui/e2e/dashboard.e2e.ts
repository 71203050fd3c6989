import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { signedInPage, textOf, useBrowser } from './support/browser';
import { waitUntil } from './support/wait';

describe('dashboard', () => {
  const browser = useBrowser();

  it('is live: the stream says so and the stats change on their own, without a reload', async () => {
    const { context, page } = await signedInPage(browser(), '/admin/dashboard');
    try {
      const status = page.getByTestId('dashboard-stream-status');
      await waitUntil(
        async () => (await textOf(status)).toLowerCase(),
        (s) => s === 'live',
        {
          timeout: 15_000,
          message: 'dashboard-stream-status to read "live"',
        },
      );

      const uptime = page.getByTestId('stat-uptime').getByTestId('stat-value');
      const requests = page.getByTestId('stat-requests').getByTestId('stat-value');
      const read = async () => ({ uptime: await textOf(uptime), requests: await textOf(requests) });
      // The first snapshot may come a moment after the stream opens.
      const first = await waitUntil(read, (now) => now.uptime !== '', {
        timeout: 10_000,
        message: 'the uptime stat to show a value',
      });

      // A marker in the window survives only if the page is not reloaded.
      await page.evaluate(() => ((window as unknown as { __e2e: number }).__e2e = 42));
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations++;
      });

      // Some traffic for the request counters while we wait (the server ticks every second here).
      const api = await ApiClient.login();
      const changed = await waitUntil(
        async () => {
          await api.request('GET', '/api/health');
          return read();
        },
        (now) =>
          (now.uptime !== '' && now.uptime !== first.uptime) ||
          (now.requests !== '' && now.requests !== first.requests),
        { timeout: 15_000, interval: 250, message: `a stat to change from ${JSON.stringify(first)}` },
      );
      expect(changed).not.toEqual(first);
      expect(navigations).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __e2e?: number }).__e2e)).toBe(42);
      expect((await textOf(status)).toLowerCase()).toBe('live');
    } finally {
      await context.close();
    }
  });
});
