// A log source other than Vigil's own: the access log of a real nginx (started by global-setup.ts and
// configured as the source `nginx`), requested from the test and watched in the viewer.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { signedInPage, textOf, useBrowser } from './support/browser';
import { waitUntil } from './support/wait';

const nginxUrl = inject('nginxUrl');

async function waitLive(page: Page) {
  await waitUntil(
    async () => (await textOf(page.getByTestId('log-stream-status'))).toLowerCase(),
    (s) => s === 'live',
    { timeout: 15_000, message: 'log-stream-status to read "live"' },
  );
}

/** GETs a page of the nginx site (its access log gets one line). */
async function request(path: string): Promise<number> {
  const response = await fetch(`${nginxUrl}${path}`);
  await response.text();
  return response.status;
}

describe.skipIf(!nginxUrl)('log sources', () => {
  const browser = useBrowser();

  it('tails nginx live, filters by regex, shows the context of a line and follows a permalink to it', async () => {
    const { context, page } = await signedInPage(browser(), '/admin/logs');
    try {
      const baseUrl = inject('baseUrl');
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });

      // Pick the source: the address says so, and the stream follows nginx's access log.
      await page.getByTestId('log-source-select').click();
      await page.getByRole('option', { name: 'nginx', exact: true }).click();
      await page.waitForURL(/[?&]source=nginx(&|$)/);
      await waitLive(page);

      // Lines arrive live, as nginx writes them.
      const run = Date.now();
      const okPath = `/ok-${run}`;
      const missing = [`/missing-${run}1`, `/missing-${run}2`];
      expect(await request(okPath)).toBe(200);
      for (const path of missing) {
        expect(await request(path)).toBe(404);
      }
      const rows = page.getByTestId('log-row');
      for (const path of [okPath, ...missing]) {
        await rows.filter({ hasText: path }).first().waitFor({ state: 'visible', timeout: 5_000 });
      }
      // A 404 in an access log is a warning.
      expect(await rows.filter({ hasText: missing[0] }).first().getAttribute('data-level')).toBe('warn');

      // A regex: only the 404s stay (the server filters, also the backfill), and the address keeps it.
      await page.getByLabel('Regex', { exact: true }).fill('GET /missing-\\d+');
      await page.waitForURL((url) => url.searchParams.get('regex') === 'GET /missing-\\d+');
      await waitUntil(
        async () => ({
          ok: await rows.filter({ hasText: okPath }).count(),
          missing: await rows.filter({ hasText: `/missing-${run}` }).count(),
        }),
        (seen) => seen.ok === 0 && seen.missing >= 2,
        { timeout: 5_000, message: 'only the /missing- lines under the regex filter' },
      );

      // Context of one 404: the unfiltered file around it, that line highlighted, the 200 beside it.
      const line = rows.filter({ hasText: missing[0] }).first();
      const cursor = await line.getAttribute('data-cursor');
      expect(cursor).toBeTruthy();
      await line.hover();
      await line.getByRole('button', { name: 'Show context' }).click();
      const panel = page.getByTestId('log-context');
      await panel.waitFor({ state: 'visible', timeout: 5_000 });
      const target = panel.locator('[data-target]');
      await waitUntil(
        () => textOf(target),
        (text) => text.includes(missing[0]),
        {
          timeout: 5_000,
          message: 'the context to highlight the chosen line',
        },
      );
      expect(await target.getAttribute('data-cursor')).toBe(cursor);
      expect(await panel.getByTestId('log-row').filter({ hasText: okPath }).count()).toBe(1);
      expect(new URL(page.url()).searchParams.get('cursor')).toBe(cursor);

      // The permalink: copied, then followed in a fresh page: the context of that line opens.
      await page.getByTestId('context-copy-link').click();
      const link = await waitUntil(
        () => page.evaluate(() => navigator.clipboard.readText()),
        (text) => text.includes('cursor='),
        { timeout: 3_000, message: 'the permalink on the clipboard' },
      );
      const expected = new URL('/admin/logs', baseUrl);
      expected.searchParams.set('source', 'nginx');
      expected.searchParams.set('cursor', cursor!);
      expect(link).toBe(expected.toString());

      const other = await context.newPage();
      await other.goto(link);
      const opened = other.getByTestId('log-context');
      await opened.waitFor({ state: 'visible', timeout: 10_000 });
      await waitUntil(
        () => textOf(opened.locator('[data-target]')),
        (text) => text.includes(missing[0]),
        {
          timeout: 5_000,
          message: 'the permalink to open the context of its line',
        },
      );
      expect(await other.getByTestId('log-source-select').inputValue()).toBe('nginx');
      // Closing the panel leaves the viewer on the source, without the entry in the address.
      await other.getByTestId('context-close').click();
      await other.waitForURL((url) => !url.searchParams.has('cursor') && url.searchParams.get('source') === 'nginx');
    } finally {
      await context.close();
    }
  });
});
