// Single sign-on in Chromium against a real OpenID Connect provider: Spring Authorization Server as its
// own process (dev.vigil.support.TestOidcProvider from the test classes, on the classpath Maven wrote to
// target/test-classpath.txt), and a second Vigil jar of this spec's own with single sign-on configured,
// so that the shared server of the other specs is untouched. Both run under the same kind of watchdog as
// global-setup's server: they die with this process, whatever way it ends.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWPORT, useBrowser } from './support/browser';
import { freePort, javaBinary, killGroup, spawnGuarded, waitForUrl } from './support/processes';

const ROOT = resolve(__dirname, '..', '..');
const JAR = join(ROOT, 'target', 'vigil.jar');
const CLASSPATH_FILE = join(ROOT, 'target', 'test-classpath.txt');
const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');
const STARTUP_MS = 180_000;

const children: ChildProcess[] = [];
let data = '';
let vigilUrl = '';
let issuer = '';

process.on('exit', () => children.forEach((child) => killGroup(child)));

function start(command: string[], outFile: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawnGuarded(command, outFile, env);
  children.push(child);
  return child;
}

describe('single sign-on', () => {
  const browser = useBrowser();

  beforeAll(async () => {
    if (!existsSync(CLASSPATH_FILE)) {
      throw new Error(`${CLASSPATH_FILE} is missing: build with ./mvnw -DskipTests package`);
    }
    data = mkdtempSync(join(tmpdir(), 'vigil-sso-e2e-'));
    const [vigilPort, providerPort] = [await freePort(), await freePort()];
    vigilUrl = `http://localhost:${vigilPort}`;
    const java = javaBinary();

    // The provider on 127.0.0.1, Vigil on localhost: a browser keeps cookies per host, not per port.
    const providerOut = join(data, 'provider.out');
    const classpath = `${join(ROOT, 'target', 'test-classes')}:${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
    const provider = start(
      [
        java,
        '-cp',
        classpath,
        'dev.vigil.support.TestOidcProvider',
        String(providerPort),
        `${vigilUrl}/api/admin/auth/sso/callback`,
        'erin=vigil-ops,staff',
      ],
      providerOut,
    );
    issuer = `http://127.0.0.1:${providerPort}`;
    await waitForUrl(`${issuer}/.well-known/openid-configuration`, providerOut, provider, STARTUP_MS);

    const vigilOut = join(data, 'vigil.out');
    const vigil = start([java, '-jar', JAR, `--server.port=${vigilPort}`, '--vigil.dashboard.interval=1s'], vigilOut, {
      ...process.env,
      VIGIL_DATA_DIR: join(data, 'vigil'),
      VIGIL_AUTH_SECURE_COOKIES: 'false',
      VIGIL_ADMIN_EMAIL: 'root@sso.test',
      VIGIL_ADMIN_PASSWORD: 'sso-e2e-root-password',
      VIGIL_SSO_ISSUER: issuer,
      VIGIL_SSO_CLIENT_ID: 'vigil',
      VIGIL_SSO_CLIENT_SECRET: 'vigil-secret',
      VIGIL_SSO_NAME: 'E2E IdP',
      VIGIL_SSO_ROLE_MAPPING: 'vigil-admins=superadmin,vigil-ops=admin',
      VIGIL_SSO_ALLOWED_DOMAINS: 'sso.test',
    });
    await waitForUrl(`${vigilUrl}/api/health`, vigilOut, vigil, STARTUP_MS);
  }, STARTUP_MS * 2);

  afterAll(async () => {
    for (const child of children) {
      child.stdin?.end();
    }
    await new Promise((r) => setTimeout(r, 1_000));
    children.forEach((child) => killGroup(child));
    if (data && !process.env.E2E_KEEP_DATA) {
      rmSync(data, { recursive: true, force: true });
    }
  });

  it('signs in at the provider and lands in the panel with the mapped role', async () => {
    const methods = await (await fetch(`${vigilUrl}/api/admin/auth/methods`)).json();
    expect(methods).toEqual({ password: true, sso: { name: 'E2E IdP', url: '/api/admin/auth/sso/start' } });

    const context = await browser().newContext({ baseURL: vigilUrl, viewport: VIEWPORT });
    context.setDefaultTimeout(15_000);
    try {
      const page = await context.newPage();
      await page.goto('/admin/login');
      await page.getByRole('link', { name: 'Sign in with E2E IdP' }).click();
      await page.waitForURL(`${issuer}/login`);
      await page.locator('input[name="username"]').fill('erin');
      await page.locator('input[name="password"]').fill('password');
      await page.screenshot({ path: join(SCREENSHOTS, 'sso-provider-login.png') });
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.waitForURL(`${vigilUrl}/admin/**`, { timeout: 30_000 });
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'sso-signed-in.png') });
      // The session is Vigil's own (its cookies); a refresh asks the provider again.
      const status = await page.evaluate(async () => (await fetch('/api/admin/auth')).json());
      expect(status.admin.email).toBe('erin@sso.test');
      expect(status.admin.role).toBe('admin');
    } finally {
      await context.close();
    }
  });

  it('sends a user the provider signs in without a mapped group back to the login page with a reason', async () => {
    const context = await browser().newContext({ baseURL: vigilUrl, viewport: VIEWPORT });
    context.setDefaultTimeout(15_000);
    try {
      const page = await context.newPage();
      await page.goto('/api/admin/auth/sso/start');
      await page.waitForURL(`${issuer}/login`);
      await page.locator('input[name="username"]').fill('mallory');
      await page.locator('input[name="password"]').fill('password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${vigilUrl}/admin/login?error=sso_no_role`);
      await page.getByRole('alert').filter({ hasText: 'None of your groups' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
