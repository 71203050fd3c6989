import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { badgeText, newContext, loginThroughUi, signedInPage, useBrowser } from './support/browser';
import { unique, waitUntil } from './support/wait';

// The bell's connection indicator (in a tab that does not hold the connection: the leader tab's state).
const LIVE = '[data-testid="stream-state"][data-state="live"]';

/**
 * Starts from zero unread: a first sign-in from a new device (this browser, this API client) is itself
 * notified ("New sign-in"), so read everything and wait until the badges show none.
 */
async function clearUnread(api: ApiClient, pages: Page[]) {
  await api.markAllRead();
  for (const page of pages) {
    await waitUntil(
      () => badgeText(page),
      (text) => text === '',
      { timeout: 5_000, message: 'the badge to clear' },
    );
  }
}

describe('notifications', () => {
  const browser = useBrowser();

  it('a sent notification shows in the badge and as a toast', async () => {
    const api = await ApiClient.login();
    const { context, page } = await signedInPage(browser(), '/admin/dashboard');
    try {
      await page.locator(LIVE).waitFor({ timeout: 10_000 });
      await clearUnread(api, [page]);

      const title = unique('e2e-toast');
      await api.notify(title, { message: 'sent by the e2e suite', type: 'success' });
      await waitUntil(
        () => badgeText(page),
        (text) => text === '1',
        {
          timeout: 5_000,
          message: 'the unread badge to show 1',
        },
      );
      await page.getByRole('alert').filter({ hasText: title }).waitFor({ state: 'visible', timeout: 5_000 });
      expect(await page.getByRole('button', { name: /^Notifications/ }).getAttribute('aria-label')).toContain('1');
    } finally {
      await context.close();
    }
  });

  it('two tabs: both badges count it, and "Mark all read" in one clears the other', async () => {
    const api = await ApiClient.login();
    const context = await newContext(browser());
    try {
      const first = await context.newPage();
      await loginThroughUi(first);
      const second = await context.newPage();
      await second.goto('/admin/dashboard');
      for (const page of [first, second]) {
        await page.locator(LIVE).waitFor({ timeout: 10_000 });
      }
      await clearUnread(api, [first, second]);

      await api.notify(unique('e2e-two-tabs'));
      for (const [i, page] of [first, second].entries()) {
        await waitUntil(
          () => badgeText(page),
          (text) => text === '1',
          {
            timeout: 5_000,
            message: `tab ${i + 1}'s badge to show 1`,
          },
        );
      }

      await first.getByRole('button', { name: /^Notifications/ }).click();
      await first.getByRole('button', { name: 'Mark all read' }).click();
      await waitUntil(
        () => badgeText(second),
        (text) => text === '',
        {
          timeout: 5_000,
          message: "tab 2's badge to clear",
        },
      );
      await waitUntil(
        () => badgeText(first),
        (text) => text === '',
        { timeout: 5_000, message: "tab 1's badge to clear" },
      );
      expect(await api.unreadCount()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
