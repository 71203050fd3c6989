// Every page in light and dark at 1280×800, full page, with some data present. Written to
// admin-ui/e2e-screenshots/ (git-ignored), or to $SCREENSHOTS_DIR (relative to admin-ui/):
//   SCREENSHOTS_DIR=../docs/screenshots npm run e2e -- screenshots
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from './support/api';
import { loginThroughUi, newContext, useBrowser } from './support/browser';
import { appendLog } from './support/logs';
import { currentStep, totp } from './support/totp';
import { unique, waitUntil } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

const OUT = resolve(process.env.SCREENSHOTS_DIR || 'e2e-screenshots');
const PAGES = [
  'dashboard',
  'logs',
  'alerts',
  'log-levels',
  'notifications',
  'admins',
  'roles',
  'sessions',
  'jobs',
  'audit',
  'backups',
  'database',
  'api-keys',
  'webhooks',
  'security',
  'profile',
];
const SCHEMES = ['light', 'dark'] as const;
/** The nginx whose access log is the `nginx` log source (global-setup.ts); '' without nginx. */
const NGINX_URL = inject('nginxUrl');
/** Requests for the nginx source's screenshot: pages, a few 404s and one 500. */
const NGINX_PATHS = [
  '/',
  '/index.html',
  '/assets/app.js',
  '/missing-favicon.ico',
  '/api/orders?page=2',
  '/boom/checkout',
  '/missing-robots.txt',
  '/health',
  '/api/orders/42',
  '/',
];

function scheme(page: Page) {
  return page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
}

/** Settled enough to photograph: the page's heading is there and no loader spins (best effort). */
async function settle(page: Page) {
  await page
    .locator('main h2, main h1')
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await waitUntil(
    () => page.locator('.mantine-Loader-root:visible').count(),
    (n) => n === 0,
    {
      timeout: 5_000,
      message: 'loaders to finish',
    },
  ).catch(() => undefined);
  await page.evaluate(() => document.fonts.ready);
}

describe('screenshots', () => {
  const browser = useBrowser();
  const webhookIds: number[] = [];
  const receivers: WebhookReceiver[] = [];

  afterAll(async () => {
    // Other files share the server: no endpoint of this one keeps receiving (or retrying) after it.
    const api = await ApiClient.login();
    for (const id of webhookIds) {
      await api.request('DELETE', `/api/admin/webhooks/${id}`).catch(() => undefined);
    }
    await Promise.all(receivers.map((r) => r.close()));
  });

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const api = await ApiClient.login();
    // Two endpoints: one that answers, one that fails (its first attempt is in the log, a retry waits).
    const ok = await WebhookReceiver.start();
    const down = await WebhookReceiver.start(() => 503);
    receivers.push(ok, down);
    for (const [hook, settings] of [
      [ok, { name: 'Ops Slack relay', format: 'slack', types: ['warning', 'error'] }],
      [down, { name: 'PagerDuty bridge', format: 'vigil', types: ['error'] }],
    ] as const) {
      const created = await api.request<{ webhook: { id: number } }>('POST', '/api/admin/webhooks', {
        ...settings,
        url: hook.url,
      });
      webhookIds.push(created.webhook.id);
    }
    await api.request('PUT', '/api/admin/profile', { name: 'Ada Admin' }).catch(() => undefined);
    await api
      .request('PUT', '/api/admin/profile/channels', { email: { types: ['warning', 'error'] } })
      .catch(() => undefined);
    await api
      .request('POST', '/api/admin/admins', {
        email: 'grace@example.com',
        password: 'grace-password-1',
        name: 'Grace Operator',
        role: 'admin',
      })
      .catch(() => undefined); // already there when the file runs twice against one server
    // A role you define, limited to one log source, for the Roles page.
    await api
      .request('POST', '/api/admin/roles', {
        name: 'app-oncall',
        description: 'On call for the shop: its logs and alerts',
        scopes: ['admin:logs', 'admin:alerts', 'admin:notifications'],
        log_sources: [NGINX_URL ? 'nginx' : 'vigil'],
      })
      .catch(() => undefined); // already there when the file runs twice against one server
    await api
      .request('POST', '/api/admin/admins', {
        email: 'linus@example.com',
        password: 'linus-password-1',
        name: 'Linus On-call',
        role: 'app-oncall',
      })
      .catch(() => undefined);
    await api.request('POST', '/api/admin/backups');
    // A finished integrity check, so the Database page shows a result (409: one is already running).
    await api.request('POST', '/api/admin/database/checks', { kind: 'integrity_check' }).catch(() => undefined);
    await waitUntil(
      () => api.request<{ running: unknown }>('GET', '/api/admin/database'),
      (health) => health.running === null,
      { timeout: 30_000, message: 'the integrity check to finish' },
    );
    const { secret } = await api.request<{ secret: string }>('POST', '/api/admin/api-keys', {
      name: 'CI deploys',
      scopes: ['notifications:send'],
      expires_at: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    });
    await fetch(`${api.baseUrl}/api/v1/notifications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'superadmin', type: 'success', title: 'Deploy 1.4.2 finished', message: 'by CI' }),
    });
    await api.request('POST', '/api/admin/api-keys', { name: 'Log shipper', scopes: ['logs:read', 'dashboard:read'] });
    await api.request('POST', '/api/admin/alerts', {
      name: 'Server errors',
      source: 'vigil',
      levels: ['error', 'fatal'],
      threshold: 5,
      window_seconds: 60,
      cooldown_seconds: 900,
      recipient_role: 'admin',
    });
    await api.request('POST', '/api/admin/alerts', {
      name: 'Checkout failing',
      source: 'vigil',
      pattern: 'checkout.*(timeout|refused)',
      threshold: 3,
      window_seconds: 300,
      for_seconds: 60,
      cooldown_seconds: 3600,
      recipient_role: 'superadmin',
    });
    await api.notify('Nightly backup finished', { type: 'success', message: 'vigil-backup.db, 1.2 MB' });
    await api.notify('Disk usage above 80 %', { type: 'warning', message: '/var/lib/vigil is 83 % full' });
    await api.notify('Export failed', { type: 'error', message: 'audit export: no space left on device' });
    await api.notify('Welcome to Vigil', { type: 'info', message: 'Live logs, notifications and dashboard.' });
    await api.markAllRead().catch(() => undefined);
    await api.notify('New sign-in from 10.0.0.7', { type: 'info', message: 'Firefox on Linux' });
    await api.notify('Job queue is backing up', { type: 'warning', message: '42 jobs waiting' });
    // The webhook deliveries of the sends above are made (the log shows them).
    await waitUntil(
      () => ok.received.length + down.received.length,
      (n) => n >= 4,
      { timeout: 30_000, message: 'webhook deliveries' },
    );
    appendLog(
      { level: 'debug', msg: 'cache warmed in 12 ms' },
      { level: 'info', msg: 'GET /api/admin/dashboard 200 (4 ms)' },
      { level: 'info', msg: 'admin signed in' },
      { level: 'warn', msg: 'slow query: 812 ms on audit_log' },
      { level: 'error', msg: 'backup upload failed: connection reset by peer' },
      { level: 'info', msg: 'backup created: vigil-backup.db' },
    );
    if (NGINX_URL) {
      for (const path of NGINX_PATHS) {
        await fetch(`${NGINX_URL}${path}`, {
          headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' },
        })
          .then((r) => r.text())
          .catch(() => undefined);
      }
    }
  });

  for (const colorScheme of SCHEMES) {
    it(`every page in ${colorScheme}`, async () => {
      const context = await newContext(browser(), { colorScheme });
      try {
        const page = await context.newPage();
        await page.goto('/admin/login');
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
        expect(await scheme(page)).toBe(colorScheme);
        await page.screenshot({ path: join(OUT, `login-${colorScheme}.png`), fullPage: true });

        await loginThroughUi(page);
        for (const name of PAGES) {
          if (!page.url().endsWith(`/admin/${name}`)) {
            await page.goto(`/admin/${name}`);
          }
          await settle(page);
          if (name === 'dashboard') {
            // The hero image: charts drawn from the stored history (sampled since the server started).
            await waitUntil(
              async () => Number(await page.getByTestId('dashboard-charts').getAttribute('data-points')),
              (n) => n >= 5,
              { timeout: 15_000, message: 'the dashboard charts to have data' },
            );
          }
          expect(await scheme(page)).toBe(colorScheme);
          await page.screenshot({ path: join(OUT, `${name}-${colorScheme}.png`), fullPage: true });
        }
        if (NGINX_URL) {
          // The README's viewer on a log that is not Vigil's own: nginx's access log.
          await page.goto('/admin/logs?source=nginx');
          await settle(page);
          await page
            .getByTestId('log-row')
            .filter({ hasText: '/api/orders/42' })
            .first()
            .waitFor({ state: 'visible', timeout: 10_000 });
          await page.screenshot({ path: join(OUT, `logs-nginx-${colorScheme}.png`), fullPage: true });
        }
      } finally {
        await context.close();
      }
    });
  }

  for (const colorScheme of SCHEMES) {
    it(`two-factor enrolment and sign-in step in ${colorScheme}`, async () => {
      const email = `${unique('ada')}@example.com`;
      const password = 'two-factor-password-1';
      const api = await ApiClient.login();
      await api.request('POST', '/api/admin/admins', { email, password, name: 'Ada Lovelace', role: 'admin' });
      const context = await newContext(browser(), { colorScheme });
      try {
        const page = await context.newPage();
        await loginThroughUi(page, email, password);
        await page.goto('/admin/profile');
        await page.getByRole('button', { name: 'Set up' }).click();
        await page.getByAltText('QR code for your authenticator app').waitFor();
        await settle(page);
        await page.screenshot({ path: join(OUT, `two-factor-enrol-${colorScheme}.png`), fullPage: true });

        const secret = (await page.getByTestId('two-factor-secret').getAttribute('data-secret')) ?? '';
        const step = currentStep();
        await page.getByLabel('Code from the app').fill(totp(secret, step));
        await page.getByRole('button', { name: 'Turn on' }).click();
        await page.getByTestId('recovery-codes').waitFor();
        // The card alone: the page scrolls while the codes appear, and a full-page shot catches it mid-way.
        // Centred, so that the sticky header does not cover its top.
        await page.getByTestId('two-factor-card').evaluate((card) => card.scrollIntoView({ block: 'center' }));
        await page
          .getByTestId('two-factor-card')
          .screenshot({ path: join(OUT, `two-factor-recovery-codes-${colorScheme}.png`) });
        await page.getByRole('button', { name: 'Done' }).click();
        await page.getByRole('button', { name: 'Sign out', exact: true }).click();
        await page.waitForURL('**/admin/login**');
        // A fresh login page: no toast left over from the profile.
        await page.goto('/admin/login');
        await page.getByLabel('Email').fill(email);
        await page.getByLabel(/^Password/).fill(password);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByLabel('Authentication code').fill(totp(secret, step + 1));
        await page.screenshot({ path: join(OUT, `two-factor-login-${colorScheme}.png`), fullPage: true });
        await page.getByRole('button', { name: 'Verify' }).click();
        await page.waitForURL('**/admin/dashboard');
      } finally {
        await context.close();
      }
    });
  }

  it('the theme toggle switches the scheme and remembers it', async () => {
    const context = await newContext(browser(), { colorScheme: 'light' });
    try {
      const page = await context.newPage();
      await loginThroughUi(page);
      expect(await scheme(page)).toBe('light');
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await waitUntil(
        () => scheme(page),
        (s) => s === 'dark',
        { timeout: 3_000, message: 'the dark scheme' },
      );
      await page.reload();
      await page.getByRole('button', { name: 'Switch to light theme' }).waitFor();
      expect(await scheme(page)).toBe('dark');
    } finally {
      await context.close();
    }
  });
});
