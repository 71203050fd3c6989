import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signedInPage, textOf, useBrowser } from './support/browser';
import { appendLog, writeRotatedLog } from './support/logs';
import { unique, waitUntil } from './support/wait';

const STREAM_PATH = '/api/admin/logs/stream';

async function waitLive(page: Page) {
  const status = page.getByTestId('log-stream-status');
  await waitUntil(
    async () => (await textOf(status)).toLowerCase(),
    (s) => s === 'live',
    {
      timeout: 15_000,
      message: 'log-stream-status to read "live"',
    },
  );
}

function row(page: Page, text: string) {
  return page.getByTestId('log-row').filter({ hasText: text });
}

describe('logs', () => {
  const browser = useBrowser();

  it('shows a line appended to the live file within 2 s', async () => {
    const { context, page } = await signedInPage(browser(), '/admin/logs');
    try {
      await waitLive(page);
      const message = unique('e2e-live');
      appendLog({ level: 'info', msg: message });
      await row(page, message).first().waitFor({ state: 'visible', timeout: 2_000 });
    } finally {
      await context.close();
    }
  });

  it('changes the level filter mid-stream on the same WebSocket', async () => {
    const { context, page } = await signedInPage(browser(), '/admin/dashboard');
    try {
      const sockets: string[] = [];
      const acks: { level?: string }[] = [];
      page.on('websocket', (ws) => {
        if (!ws.url().includes(STREAM_PATH)) return;
        sockets.push(ws.url());
        ws.on('framereceived', ({ payload }) => {
          try {
            const frame = JSON.parse(String(payload));
            if (frame.type === 'filters') acks.push(frame);
          } catch {
            // not JSON: not ours to check
          }
        });
      });
      await page.goto('/admin/logs');
      await waitLive(page);
      expect(sockets).toHaveLength(1);

      const levels = page.getByTestId('level-filter');
      await levels.getByRole('checkbox', { name: 'debug' }).uncheck();
      await levels.getByRole('checkbox', { name: 'info' }).uncheck();
      expect(await levels.getByRole('checkbox', { name: 'warn' }).isChecked()).toBe(true);
      expect(await levels.getByRole('checkbox', { name: 'error' }).isChecked()).toBe(true);
      // The server acknowledges a filter change with {"type":"filters","level":…}: wait for the one
      // without info, so that the lines below are written after it applies.
      await waitUntil(
        () => acks.map((a) => String(a.level ?? '').toLowerCase()),
        (seen) => seen.some((level) => level.includes('error') && !level.includes('info') && !level.includes('debug')),
        { timeout: 5_000, message: 'the server to acknowledge the warn/error filter' },
      );

      const info = unique('e2e-filter-info');
      const error = unique('e2e-filter-error');
      appendLog({ level: 'info', msg: info }, { level: 'error', msg: error });
      await row(page, error).first().waitFor({ state: 'visible', timeout: 3_000 });
      // The info line was written before the error line, so it has been dealt with by now.
      expect(await row(page, info).count()).toBe(0);
      expect(sockets).toHaveLength(1);
      await waitLive(page);
    } finally {
      await context.close();
    }
  });

  it('shows the lines of a rotated file picked in the File select', async () => {
    const lines = [
      { level: 'info' as const, msg: unique('e2e-rotated-a') },
      { level: 'warn' as const, msg: unique('e2e-rotated-b') },
      { level: 'error' as const, msg: unique('e2e-rotated-c') },
    ];
    const name = writeRotatedLog(lines);
    const { context, page } = await signedInPage(browser(), '/admin/logs');
    try {
      await page.getByTestId('log-file-select').click();
      await page.getByRole('option', { name }).click();
      for (const line of lines) {
        await row(page, line.msg).first().waitFor({ state: 'visible', timeout: 5_000 });
      }
    } finally {
      await context.close();
    }
  });
});
