import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { loginThroughUi, newContext, signedInPage, useBrowser } from './support/browser';
import { currentStep, totp } from './support/totp';
import { unique } from './support/wait';

const PASSWORD = 'two-factor-password-1';

describe('two-factor sign-in', () => {
  const browser = useBrowser();

  it('computes the RFC 6238 test vector', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (last six digits).
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1)).toBe('287082');
  });

  it('is set up from the profile, then asks for a code at sign-in; a code works once, a recovery code too', async () => {
    const email = `${unique('tfa')}@example.com`;
    const root = await ApiClient.login();
    await root.request('POST', '/api/admin/admins', { email, password: PASSWORD, name: 'Tess Factor', role: 'admin' });

    const context = await newContext(browser());
    let secret: string;
    let enrolledStep: number;
    let recoveryCodes: string[];
    try {
      const page = await context.newPage();
      await loginThroughUi(page, email, PASSWORD);
      await page.goto('/admin/profile');
      await page.getByRole('button', { name: 'Set up' }).click();
      await page.getByAltText('QR code for your authenticator app').waitFor();
      secret = (await page.getByTestId('two-factor-secret').getAttribute('data-secret')) ?? '';
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      // What is shown for typing by hand is the same secret.
      expect((await page.getByTestId('two-factor-secret').textContent())?.replace(/\s/g, '')).toBe(secret);

      enrolledStep = currentStep();
      await page.getByLabel('Code from the app').fill(totp(secret, enrolledStep));
      await page.getByRole('button', { name: 'Turn on' }).click();
      const codes = page.getByTestId('recovery-codes').locator('code');
      await codes.first().waitFor();
      recoveryCodes = await codes.allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByText('10 of 10 recovery codes left.').waitFor();

      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL('**/admin/login**');
    } finally {
      await context.close();
    }

    // Sign in: the password, then the code of the next step (the enrolment's step is used up).
    const code = totp(secret, enrolledStep + 1);
    const signIn = await newContext(browser());
    try {
      const page = await signIn.newPage();
      await page.goto('/admin/login');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('Authentication code').waitFor();
      const cookies = (await signIn.cookies()).map((c) => c.name);
      expect(cookies).not.toContain('access_token');
      expect(cookies).not.toContain('refresh_token');
      expect(cookies).toContain('second_factor_pending');
      await page.getByLabel('Authentication code').fill(code);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL('**/admin/dashboard');
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    } finally {
      await signIn.close();
    }

    // The same code again: refused. A recovery code then signs in, once.
    const replay = await newContext(browser());
    try {
      const page = await replay.newPage();
      await page.goto('/admin/login');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByLabel('Authentication code').fill(code);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('alert').filter({ hasText: 'this code was already used' }).waitFor();
      expect(page.url()).toContain('/admin/login');
      expect((await replay.cookies()).map((c) => c.name)).not.toContain('access_token');

      await page.getByRole('button', { name: 'Use a recovery code' }).click();
      await page.getByLabel('Recovery code').fill(recoveryCodes[0]);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL('**/admin/dashboard');
      await page.goto('/admin/profile');
      await page.getByText('9 of 10 recovery codes left.').waitFor();
    } finally {
      await replay.close();
    }

    // A used recovery code does not work again.
    const again = new ApiClient();
    const login = await again.request<{ second_factor?: { enrolled: boolean } }>('POST', '/api/admin/auth/login', {
      email,
      password: PASSWORD,
    });
    expect(login.second_factor).toEqual({ enrolled: true });
    expect((await again.raw('GET', '/api/admin/profile')).status).toBe(401);
    const reused = await again.raw('POST', '/api/admin/auth/second-factor', { code: recoveryCodes[0] });
    expect(reused.status).toBe(401);
    expect((await reused.json()).error).toBe('wrong code');
  });
  it('a superadmin requires it for a role: the next sign-in sets it up, and a reset removes it', async () => {
    const email = `${unique('tfa-viewer')}@example.com`;
    const root = await ApiClient.login();
    await root.request('POST', '/api/admin/admins', { email, password: PASSWORD, role: 'viewer' });

    const { context, page } = await signedInPage(browser(), '/admin/security');
    try {
      await page.getByRole('heading', { name: 'Require a second factor' }).waitFor();
      const roles = page.getByRole('textbox', { name: 'For these roles' });
      await roles.fill('viewer');
      await roles.press('Enter');
      await roles.press('Escape');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Second-factor policy saved').waitFor();
      expect(await root.request('GET', '/api/admin/second-factor/policy')).toEqual({
        everyone: false,
        roles: ['viewer'],
      });

      // The viewer's next sign-in: the password, then setting up the factor before getting in.
      const viewer = await newContext(browser());
      try {
        const viewerPage = await viewer.newPage();
        await viewerPage.goto('/admin/login');
        await viewerPage.getByLabel('Email').fill(email);
        await viewerPage.getByLabel(/^Password/).fill(PASSWORD);
        await viewerPage.getByRole('button', { name: 'Sign in' }).click();
        await viewerPage.getByAltText('QR code for your authenticator app').waitFor();
        expect((await viewer.cookies()).map((c) => c.name)).not.toContain('access_token');
        const secret = (await viewerPage.getByTestId('two-factor-secret').getAttribute('data-secret')) ?? '';
        await viewerPage.getByLabel('Code from the app').fill(totp(secret));
        await viewerPage.getByRole('button', { name: 'Turn on and sign in' }).click();
        await viewerPage.getByTestId('recovery-codes').waitFor();
        expect(await viewerPage.getByTestId('recovery-codes').locator('code').count()).toBe(10);
        await viewerPage.getByRole('button', { name: 'Continue' }).click();
        await viewerPage.waitForURL('**/admin/dashboard');
        await viewerPage.goto('/admin/profile');
        await viewerPage.getByText('Your role requires a second factor.', { exact: false }).waitFor();
        expect(await viewerPage.getByRole('button', { name: 'Turn off' }).count()).toBe(0);
      } finally {
        await viewer.close();
      }

      // The superadmin resets it: the viewer is listed, then gone.
      await page.reload();
      const row = page.getByRole('row').filter({ hasText: email });
      await row.getByRole('button', { name: 'Reset' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
      await row.waitFor({ state: 'detached' });
      const login = await new ApiClient().request<{ second_factor?: { enrolled: boolean } }>(
        'POST',
        '/api/admin/auth/login',
        { email, password: PASSWORD },
      );
      // Still required for viewers: the next sign-in sets up a new one.
      expect(login.second_factor).toEqual({ enrolled: false });
    } finally {
      await root.request('PUT', '/api/admin/second-factor/policy', { everyone: false, roles: [] });
      await context.close();
    }
  });
});
