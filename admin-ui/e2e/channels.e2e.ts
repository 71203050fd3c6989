import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { newContext, loginThroughUi, signedInPage, textOf, useBrowser } from './support/browser';
import { unique, waitUntil } from './support/wait';

const LIVE = '[data-testid="stream-state"][data-state="live"]';

interface Channels {
  email: { available: boolean; types: string[] };
}

/** Desktop notifications this page created (recorded by the fake Notification API below). */
const shown = (page: Page, title: string) =>
  page.evaluate(
    (t) => ((window as unknown as { __desktop?: { title: string }[] }).__desktop ?? []).filter((n) => n.title === t),
    title,
  );

describe('profile channels', () => {
  const browser = useBrowser();

  it('email types are saved, and "send test" says email is not configured', async () => {
    const api = await ApiClient.login();
    await api.request('PUT', '/api/admin/profile/channels', { email: { types: [] } });
    const { context, page } = await signedInPage(browser(), '/admin/profile');
    try {
      const card = page.getByTestId('channels-card');
      await card.waitFor();
      // The e2e server has no SMTP server configured.
      await page.getByTestId('email-unavailable').waitFor();
      expect(await textOf(page.getByTestId('email-unavailable'))).toContain('not configured');

      // Each box is checked once the mutation re-renders the card (a moment after the click): one at a time.
      for (const type of ['error', 'warning']) {
        const box = page.getByRole('checkbox', { name: type });
        await box.click();
        await waitUntil(
          () => box.isChecked(),
          (checked) => checked,
          { message: `the ${type} type to show checked` },
        );
      }
      await waitUntil(
        () => api.request<Channels>('GET', '/api/admin/profile/channels'),
        (c) => c.email.types.join() === 'warning,error',
        { message: 'the chosen types to be saved' },
      );
      await page.reload();
      // Checked once the saved channels are loaded.
      await waitUntil(
        () => page.getByRole('checkbox', { name: 'error' }).isChecked(),
        (checked) => checked,
        { message: 'the saved error type to show checked' },
      );
      expect(await page.getByRole('checkbox', { name: 'info' }).isChecked()).toBe(false);

      await page.getByRole('button', { name: 'Send test email' }).click();
      await page.getByTestId('email-test-result').waitFor();
      expect(await textOf(page.getByTestId('email-test-result'))).toContain('email is not configured on this server');
    } finally {
      await context.close();
      await api.request('PUT', '/api/admin/profile/channels', { email: { types: [] } });
    }
  });

  it('browser notifications: one desktop notification per event across two hidden tabs', async () => {
    const api = await ApiClient.login();
    const context = await newContext(browser());
    // Both tabs hidden, and a Notification API that records instead of showing (headless has none to see).
    await context.addInitScript(() => {
      Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { get: () => true });
      const shownHere: { title: string; tag?: string }[] = [];
      (window as unknown as { __desktop: unknown }).__desktop = shownHere;
      class FakeNotification {
        static permission = 'default';
        static requestPermission() {
          FakeNotification.permission = 'granted';
          return Promise.resolve('granted');
        }
        onclick = null;
        constructor(title: string, options?: { tag?: string }) {
          shownHere.push({ title, tag: options?.tag });
        }
      }
      (window as unknown as { Notification: unknown }).Notification = FakeNotification;
    });
    try {
      const first = await context.newPage();
      await loginThroughUi(first);
      await first.goto('/admin/profile');
      const toggle = first.getByTestId('desktop-toggle');
      await toggle.waitFor();
      await first.getByRole('switch').click();
      await waitUntil(
        () => first.evaluate(() => window.localStorage.getItem('vigil.desktop-notifications')),
        (v) => v === 'on',
        { message: 'the opt-in to be stored' },
      );
      const second = await context.newPage();
      await second.goto('/admin/dashboard');
      for (const page of [first, second]) {
        await page.locator(LIVE).waitFor({ timeout: 15_000 });
      }

      const title = unique('e2e-desktop');
      await api.notify(title, { type: 'warning', message: 'shown once' });
      const total = async () => (await shown(first, title)).length + (await shown(second, title)).length;
      await waitUntil(total, (n) => n >= 1, { timeout: 10_000, message: 'a desktop notification' });
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await total()).toBe(1);
      const [one] = [...(await shown(first, title)), ...(await shown(second, title))] as { tag?: string }[];
      expect(one.tag).toMatch(/^vigil-notification-\d+$/);
    } finally {
      await context.close();
    }
  });
});
