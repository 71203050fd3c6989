// Roles you define, end to end on the packaged jar: a superadmin creates a role limited to one log source
// and an admin with it, in the UI; that admin, signed in in a second browser context, sees only that source.
import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { loginThroughUi, newContext, signedInPage, textOf, useBrowser } from './support/browser';
import { waitUntil } from './support/wait';

describe('roles', () => {
  const browser = useBrowser();

  it('a role limited to one log source: its admin sees only that source', async () => {
    // The source to limit the role to: another than Vigil's own log when there is one.
    const api = await ApiClient.login();
    const listed = await api.request<{ sources: { name: string }[] }>('GET', '/api/admin/logs/sources');
    const names = listed.sources.map((s) => s.name);
    expect(names.length).toBeGreaterThan(1);
    const chosen = names.find((n) => n !== 'vigil') ?? names[0];
    const role = `e2e-${Date.now().toString(36)}`;
    const email = `${role}@example.com`;
    const password = 'e2e-role-password-1';

    const { context, page } = await signedInPage(browser(), '/admin/roles');
    const second = await newContext(browser());
    try {
      // Create the role: the Logs scope only, and one source.
      await page.getByRole('button', { name: 'New role' }).click();
      const form = page.getByRole('form', { name: 'New role' });
      await form.getByLabel('Name').fill(role);
      await form.getByLabel('Description').fill('Reads one source');
      const logs = form.getByRole('checkbox', { name: /Read logs/ });
      expect(await logs.isChecked()).toBe(true);
      await form
        .getByRole('group', { name: 'People' })
        .getByRole('checkbox', { name: /Read the audit log/ })
        .check();
      await form.getByLabel('Only some log sources').check();
      await form.getByRole('textbox', { name: 'Log sources' }).click();
      await page.getByRole('option', { name: chosen, exact: true }).click();
      await page.keyboard.press('Escape');
      await form.getByRole('button', { name: 'Create role' }).click();
      const row = page.getByTestId('role-row').filter({ hasText: role });
      await row.waitFor({ timeout: 5_000 });
      expect(await textOf(row)).toContain(chosen);
      expect(await textOf(row)).toContain('admin:audit');

      // An admin with it, from the admin form's role select (which lists the roles from the API).
      await page.goto('/admin/admins');
      await page.getByRole('button', { name: 'New admin' }).click();
      const adminForm = page.getByRole('form', { name: 'New admin' });
      await adminForm.getByLabel('Email').fill(email);
      await adminForm.getByLabel(/^Password/).fill(password);
      await adminForm.getByRole('textbox', { name: 'Role' }).click();
      await page.getByRole('option', { name: new RegExp(`^${role}$`, 'i') }).click();
      await adminForm.getByRole('button', { name: 'Create admin' }).click();
      await page.getByText(email).first().waitFor({ timeout: 5_000 });

      // That admin, in a browser of their own: the logs open on the one source, the only one offered.
      const other = await second.newPage();
      await loginThroughUi(other, email, password);
      await other.getByRole('link', { name: 'Audit' }).waitFor();
      expect(await other.getByRole('link', { name: 'Admins' }).count()).toBe(0);
      expect(await other.getByRole('link', { name: 'Roles' }).count()).toBe(0);
      await other.getByRole('link', { name: 'Logs' }).click();
      await other.waitForURL((url) => url.searchParams.get('source') === chosen, { timeout: 10_000 });
      await other.getByTestId('log-source-select').click();
      const options = other.getByRole('option');
      await options.first().waitFor();
      expect(await options.allTextContents()).toEqual([chosen]);
      await other.keyboard.press('Escape');

      // The server says the same for the others, on REST.
      for (const name of names.filter((n) => n !== chosen)) {
        const refused = await second.request.get(`/api/admin/logs?source=${name}`);
        expect(refused.status()).toBe(403);
      }
      expect((await second.request.get(`/api/admin/logs?source=${chosen}`)).status()).toBe(200);

      // The role cannot be deleted while the admin has it.
      await page.goto('/admin/roles');
      await page
        .getByTestId('role-row')
        .filter({ hasText: role })
        .getByRole('button', { name: `Delete ${role}` })
        .click();
      await page.getByRole('button', { name: 'Delete role' }).click();
      await waitUntil(
        () => textOf(page.getByRole('alert')),
        (text) => text.includes('is in use by 1 admin'),
        { timeout: 5_000, message: 'the 409 naming how many admins use the role' },
      );
    } finally {
      await second.close();
      await context.close();
    }
  });
});
