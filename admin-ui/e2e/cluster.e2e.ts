// Two Vigil jars of this spec's own as one cluster, on the machine's PostgreSQL (a fresh database) and
// Redis (a cluster name of its own), seen in Chromium through instance A: the dashboard lists both
// instances, the log viewer watches B's log, and a notification sent through B rings A's bell. Skipped,
// with one line, when PostgreSQL (psql) or Redis is not there.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { VIEWPORT, badgeText, loginThroughUi, textOf, useBrowser } from './support/browser';
import { logLine } from './support/logs';
import { freePort, javaBinary, killGroup, spawnGuarded, waitForUrl } from './support/processes';
import { unique, waitUntil } from './support/wait';

const ROOT = resolve(__dirname, '..', '..');
const JAR = join(ROOT, 'target', 'vigil.jar');
const SHOTS = resolve(process.env.SCREENSHOTS_DIR || 'e2e-screenshots');
const STARTUP_MS = 180_000;
const EMAIL = 'root@cluster.test';
const PASSWORD = 'cluster-e2e-root-password';

function reachable(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), ok(true)));
    socket.once('error', () => ok(false));
    socket.once('timeout', () => (socket.destroy(), ok(false)));
    socket.connect(port, '127.0.0.1');
  });
}

function psql(sql: string) {
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-v', 'ON_ERROR_STOP=1', '-qc', sql], {
    stdio: 'pipe',
  });
}

function hasPsql(): boolean {
  try {
    execFileSync('psql', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const services = hasPsql() && (await reachable(5432)) && (await reachable(6379));
if (!services) {
  console.warn('cluster e2e skipped: start PostgreSQL (127.0.0.1:5432, psql) and Redis (127.0.0.1:6379) to run it');
}

describe.skipIf(!services)('two instances as one cluster', () => {
  const browser = useBrowser();
  const children: ChildProcess[] = [];
  const database = `vigil_e2e_${randomBytes(4).toString('hex')}`;
  let data = '';
  let urlA = '';
  let urlB = '';

  async function startInstance(name: string, env: NodeJS.ProcessEnv): Promise<string> {
    const port = await freePort();
    const out = join(data, `${name}.out`);
    const child = spawnGuarded(
      [javaBinary(), '-jar', JAR, `--server.port=${port}`, '--vigil.dashboard.interval=1s'],
      out,
      { ...env, VIGIL_INSTANCE_NAME: name, VIGIL_DATA_DIR: join(data, name) },
    );
    children.push(child);
    await waitForUrl(`http://localhost:${port}/api/health`, out, child, STARTUP_MS);
    return `http://localhost:${port}`;
  }

  beforeAll(
    async () => {
      data = mkdtempSync(join(tmpdir(), 'vigil-cluster-e2e-'));
      psql(`CREATE DATABASE ${database}`);
      const env = {
        ...process.env,
        VIGIL_DATABASE_URL: `jdbc:postgresql://127.0.0.1:5432/${database}`,
        VIGIL_DATABASE_USERNAME: 'postgres',
        VIGIL_REDIS_URL: 'redis://127.0.0.1:6379',
        VIGIL_CLUSTER_NAME: database,
        VIGIL_AUTH_SIGNING_KEY: randomBytes(32).toString('hex'),
        VIGIL_AUTH_SECURE_COOKIES: 'false',
        VIGIL_ADMIN_EMAIL: EMAIL,
        VIGIL_ADMIN_PASSWORD: PASSWORD,
      };
      // One after the other: the first creates the schema.
      urlA = await startInstance('alpha', env);
      urlB = await startInstance('beta', env);
    },
    STARTUP_MS * 2 + 10_000,
  );

  afterAll(async () => {
    children.forEach((child) => child.stdin?.end());
    await new Promise((r) => setTimeout(r, 1_000));
    children.forEach((child) => killGroup(child));
    if (data && !process.env.E2E_KEEP_DATA) {
      rmSync(data, { recursive: true, force: true });
    }
    try {
      psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    } catch {
      // left for the machine's next clean-up
    }
  });

  async function signedInAtA(path: string) {
    const context = await browser().newContext({ baseURL: urlA, viewport: VIEWPORT });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await loginThroughUi(page, EMAIL, PASSWORD);
    if (!page.url().endsWith(path)) {
      await page.goto(path);
    }
    return { context, page };
  }

  it('lists both instances on the dashboard, this one marked', async () => {
    const { context, page } = await signedInAtA('/admin/dashboard');
    try {
      const rows = page.getByTestId('dashboard-instance');
      await waitUntil(
        () => rows.count(),
        (n) => n === 2,
        { timeout: 20_000, message: 'two instance rows' },
      );
      expect(await textOf(rows.filter({ hasText: 'alpha' }))).toContain('this one');
      expect(await textOf(rows.filter({ hasText: 'beta' }))).not.toContain('this one');
      mkdirSync(SHOTS, { recursive: true });
      await page.getByTestId('dashboard-instances').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'cluster-dashboard.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("watches the other instance's live log from this one", async () => {
    const { context, page } = await signedInAtA('/admin/logs');
    try {
      await page.getByTestId('log-instance-select').click();
      await page.getByRole('option', { name: 'beta' }).click();
      await waitUntil(
        async () => (await textOf(page.getByTestId('log-stream-status'))).toLowerCase(),
        (s) => s === 'live',
        { timeout: 15_000, message: "beta's log stream to be live" },
      );
      const onlyB = unique('written-on-beta');
      const onlyA = unique('written-on-alpha');
      appendFileSync(join(data, 'alpha', 'logs', 'vigil.log'), logLine('warn', onlyA) + '\n');
      appendFileSync(join(data, 'beta', 'logs', 'vigil.log'), logLine('warn', onlyB) + '\n');
      await page.getByTestId('log-row').filter({ hasText: onlyB }).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('log-row').filter({ hasText: onlyA }).count()).toBe(0);
      await page.screenshot({ path: join(SHOTS, 'cluster-logs.png') });
    } finally {
      await context.close();
    }
  });

  it('rings the bell on A for a notification sent through B', async () => {
    const { context, page } = await signedInAtA('/admin/dashboard');
    try {
      const before = Number((await badgeText(page)) || '0');
      const viaB = new ApiClient(urlB);
      const login = await viaB.request<{ admin: { id: number } }>('POST', '/api/admin/auth/login', {
        email: EMAIL,
        password: PASSWORD,
      });
      await viaB.request('GET', '/api/admin/profile');
      await viaB.request('POST', '/api/admin/notifications/send', {
        admin_id: login.admin.id,
        type: 'info',
        title: unique('sent through beta'),
      });
      await waitUntil(
        async () => Number((await badgeText(page)) || '0'),
        (n) => n === before + 1,
        { timeout: 15_000, message: "A's unread badge to count the notification sent through B" },
      );
    } finally {
      await context.close();
    }
  });
});
