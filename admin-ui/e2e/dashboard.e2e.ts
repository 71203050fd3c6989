import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { loginThroughUi, newContext, signedInPage, textOf, useBrowser } from './support/browser';
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

      // This page's own stream makes its admin one of those online (the panel polls every 10 s).
      const me = page.getByTestId('dashboard-online').locator(`[data-admin-id="${api.adminId}"]`);
      const row = await waitUntil(
        () => textOf(me),
        (text) => text.includes('dashboard · SSE'),
        { timeout: 15_000, message: 'the online panel to list this admin with its dashboard stream' },
      );
      expect(row).toContain('you');
    } finally {
      await context.close();
    }
  });

  it('opens with populated charts from the stored history, without waiting for a tick', async () => {
    // The server has sampled every second since it started, watched or not.
    const api = await ApiClient.login();
    const stored = await waitUntil(
      async () => (await api.request<History>('GET', '/api/admin/dashboard/history')).snapshots.length,
      (n) => n >= 3,
      { timeout: 10_000, message: 'the server to have stored a few samples' },
    );
    const context = await newContext(browser());
    try {
      // No live stream at all: whatever the charts show comes from the history.
      await context.route('**/api/admin/dashboard/stream**', (route) => route.abort());
      const page = await context.newPage();
      await loginThroughUi(page);
      const charts = page.getByTestId('dashboard-charts');
      await charts.waitFor();
      const points = await waitUntil(
        async () => Number(await charts.getAttribute('data-points')),
        (n) => n >= stored,
        { timeout: 5_000, message: `the charts to show the ${stored} stored points` },
      );
      expect(points).toBeGreaterThanOrEqual(3);
      expect(await charts.getAttribute('data-range')).toBe('1h');
      expect(await page.getByText('Collecting data…').count()).toBe(0);
      expect(await page.getByTestId('chart-heap').locator('.recharts-line-curve').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('switches ranges: each is read from the server at its resolution, the hour is live again', async () => {
    const { context, page } = await signedInPage(browser(), '/admin/dashboard');
    try {
      const charts = page.getByTestId('dashboard-charts');
      await charts.waitFor();
      const range = page.getByTestId('dashboard-range');
      for (const [label, value, step] of [
        ['24 h', '24h', 'per minute'],
        ['7 d', '7d', 'per 15 min'],
        ['30 d', '30d', 'per 15 min'],
      ] as const) {
        const answered = page.waitForResponse((r) => r.url().includes(`/api/admin/dashboard/history?range=${value}`));
        await range.getByText(label, { exact: true }).click();
        const response = await answered;
        expect(response.status()).toBe(200);
        const body = (await response.json()) as History;
        expect(body.range).toBe(value);
        await waitUntil(
          async () => ({
            range: await charts.getAttribute('data-range'),
            points: await charts.getAttribute('data-points'),
          }),
          (now) => now.range === value && Number(now.points) === body.snapshots.length,
          { timeout: 5_000, message: `the charts to show the ${value} history` },
        );
        expect(page.url()).toContain(`range=${value}`);
        expect(await textOf(page.getByTestId('chart-requests'))).toContain(step);
        // The bucket in progress is always there, so a running server never has an empty range.
        expect(body.snapshots.length).toBeGreaterThan(0);
      }

      await range.getByText('1 h', { exact: true }).click();
      await waitUntil(
        async () => ({
          range: await charts.getAttribute('data-range'),
          points: await charts.getAttribute('data-points'),
        }),
        (now) => now.range === '1h' && Number(now.points) >= 2,
        { timeout: 5_000, message: 'the live hour again' },
      );
      expect(page.url()).not.toContain('range=');
      expect(await textOf(page.getByTestId('chart-requests'))).toContain('per 1 s');
    } finally {
      await context.close();
    }
  });
});

interface History {
  range: string;
  resolution_ms: number;
  snapshots: unknown[];
}
