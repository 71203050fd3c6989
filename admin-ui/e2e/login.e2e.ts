import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { newContext, useBrowser } from './support/browser';
import { inject } from 'vitest';

describe('login', () => {
  const browser = useBrowser();

  it('shows the server error for a wrong password, then signs in to the dashboard', async () => {
    // What the server answers to a wrong password, so the test checks that the UI shows exactly that.
    const refused = await new ApiClient().raw('POST', '/api/admin/auth/login', {
      email: inject('adminEmail'),
      password: 'not-the-password',
    });
    expect(refused.status).toBe(401);
    const serverError: string = (await refused.json()).error;
    expect(serverError).toBeTruthy();

    const context = await newContext(browser());
    try {
      const page = await context.newPage();
      await page.goto('/admin/login');
      await page.getByLabel('Email').fill(inject('adminEmail'));
      await page.getByLabel(/^Password/).fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert').filter({ hasText: serverError });
      await alert.waitFor({ state: 'visible', timeout: 10_000 });
      expect(page.url()).toContain('/admin/login');

      await page.getByLabel(/^Password/).fill(inject('adminPassword'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL('**/admin/dashboard', { timeout: 15_000 });
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      // Signed in: the shell's bell is there, and the session is real (the status call succeeds).
      await page.getByRole('button', { name: /^Notifications/ }).waitFor();
    } finally {
      await context.close();
    }
  });
});
