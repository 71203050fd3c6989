// Single sign-on in Chromium against a real OpenID Connect provider: Spring Authorization Server as its
// own process (dev.vigil.support.TestOidcProvider from the test classes, on the classpath Maven wrote to
// target/test-classpath.txt), and a second Vigil jar of this spec's own with single sign-on configured,
// so that the shared server of the other specs is untouched. Both run under the same kind of watchdog as
// global-setup's server: they die with this process, whatever way it ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWPORT, useBrowser } from './support/browser';

const ROOT = resolve(__dirname, '..', '..');
const JAR = join(ROOT, 'target', 'vigil.jar');
const CLASSPATH_FILE = join(ROOT, 'target', 'test-classpath.txt');
const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');
const STARTUP_MS = 180_000;

const children: ChildProcess[] = [];
let data = '';
let vigilUrl = '';
let issuer = '';

process.on('exit', () => children.forEach(killGroup));

function killGroup(child: ChildProcess) {
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** `command` under a sh watchdog reading our stdin: when this process ends, the command gets SIGTERM. */
function spawnGuarded(command: string[], outFile: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const out = openSync(outFile, 'a');
  const watchdog =
    'exec 3<&0; "$@" 3<&- & child=$!; (cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null) & exec 3<&-; wait "$child"';
  const child = spawn('sh', ['-c', watchdog, 'vigil-sso-e2e', ...command], {
    detached: true,
    stdio: ['pipe', out, out],
    env,
  });
  closeSync(out);
  children.push(child);
  return child;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/** E2E_JAVA, else the newest JDK 21+ in /usr/lib/jvm (as global-setup picks it), else `java`. */
function javaBinary(): string {
  if (process.env.E2E_JAVA) {
    return process.env.E2E_JAVA;
  }
  try {
    const jdks = readdirSync('/usr/lib/jvm')
      .map((name) => {
        const match = /^JAVA_VERSION="(\d+)/m.exec(
          existsSync(join('/usr/lib/jvm', name, 'release'))
            ? readFileSync(join('/usr/lib/jvm', name, 'release'), 'utf8')
            : '',
        );
        return { binary: join('/usr/lib/jvm', name, 'bin', 'java'), version: match ? Number(match[1]) : 0 };
      })
      .filter((jdk) => jdk.version >= 21 && existsSync(jdk.binary))
      .sort((a, b) => b.version - a.version);
    return jdks[0]?.binary ?? 'java';
  } catch {
    return 'java';
  }
}

async function waitFor(url: string, outFile: string, child: ChildProcess) {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited during start-up:\n${readFileSync(outFile, 'utf8').slice(-4000)}`);
    }
    try {
      if ((await fetch(url)).status === 200) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 in time:\n${readFileSync(outFile, 'utf8').slice(-4000)}`);
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
    const provider = spawnGuarded(
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
    await waitFor(`${issuer}/.well-known/openid-configuration`, providerOut, provider);

    const vigilOut = join(data, 'vigil.out');
    const vigil = spawnGuarded(
      [java, '-jar', JAR, `--server.port=${vigilPort}`, '--vigil.dashboard.interval=1s'],
      vigilOut,
      {
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
      },
    );
    await waitFor(`${vigilUrl}/api/health`, vigilOut, vigil);
  }, STARTUP_MS * 2);

  afterAll(async () => {
    for (const child of children) {
      child.stdin?.end();
    }
    await new Promise((r) => setTimeout(r, 1_000));
    children.forEach(killGroup);
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
