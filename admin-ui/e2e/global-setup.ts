// Starts the real Vigil jar once for the whole e2e run and stops it after, whatever happens.
//
// The jar runs under a tiny sh watchdog that reads our stdin: when this process ends in any way
// (teardown, crash, Ctrl-C, even SIGKILL) the pipe closes, the watchdog's `cat` returns and it kills
// the JVM. Teardown also kills the whole process group as a last resort, so no server is ever orphaned.
//
// Specs that need the server down for a while (a restart under open pages) ask this process over a
// small HTTP control endpoint on 127.0.0.1 (`controlUrl`): POST /stop, POST /start. The server stays
// this process's child, so the guards above cover a restarted one too.
//
// Before the jar, a real nginx (Debian's, when installed) starts on a free 127.0.0.1 port, writing its
// access log inside the data dir; the jar gets it as the log source `nginx` and specs get its URL
// (`nginxUrl`, '' when there is no nginx). It runs under the same kind of watchdog and is stopped after
// the jar.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, javaBinary, killGroup, spawnGuarded, tail, waitForUrl } from './support/processes';

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_PASSWORD = 'e2e-admin-password-1';
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS) || 180_000;
const STOP_TIMEOUT_MS = 15_000;

const NGINX = process.env.E2E_NGINX ?? '/usr/sbin/nginx';

let server: ChildProcess | null = null;
let nginx: ChildProcess | null = null;
let dataDir: string | null = null;

/** How the server is started: the same jar, data dir, port and arguments at every (re)start. */
interface Launch {
  /** The java binary: the runtime under test. */
  java: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  outFile: string;
  baseUrl: string;
}

function killServer(signal: NodeJS.Signals, child: ChildProcess | null = server) {
  killGroup(child, signal);
}

// Synchronous last resort when this process exits without running teardown.
process.on('exit', () => {
  killServer('SIGKILL');
  killServer('SIGKILL', nginx);
});

function waitForHealth(baseUrl: string, outFile: string) {
  return waitForUrl(`${baseUrl}/api/health`, outFile, server, START_TIMEOUT_MS);
}

/** Spawns the server (the one place that runs `java`) and waits until it is healthy. */
async function start(launch: Launch) {
  server = spawnGuarded([launch.java, ...launch.args], launch.outFile, launch.env);
  try {
    await waitForHealth(launch.baseUrl, launch.outFile);
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The control endpoint for specs: POST /stop (SIGTERM, answers once the JVM has exited) and POST /start
 * (same data dir and port, answers once healthy). One request at a time; anything else is a 404.
 */
async function listenForControl(launch: Launch): Promise<{ server: Server; url: string }> {
  let busy = false;
  const control = createHttpServer((request, response) => {
    const action = request.method === 'POST' ? request.url : null;
    const run = action === '/stop' ? stop : action === '/start' ? () => start(launch) : null;
    if (!run || busy) {
      response.writeHead(run ? 409 : 404).end();
      return;
    }
    busy = true;
    const began = Date.now();
    run()
      .then(
        () =>
          response
            .writeHead(200, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ ms: Date.now() - began })),
        (error: unknown) => response.writeHead(500).end(String(error)),
      )
      .finally(() => {
        busy = false;
      });
  });
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', () => r()));
  const address = control.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server: control, url: `http://127.0.0.1:${port}` };
}

async function stop() {
  const child = server;
  if (!child) {
    return;
  }
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stdin?.end(); // the watchdog sends SIGTERM to the JVM (graceful shutdown)
    const timer = setTimeout(() => killServer('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  killServer('SIGKILL'); // anything left in the group
  server = null;
}

interface NginxSite {
  url: string;
  /** The access log it writes (combined format): the jar's `nginx` source. */
  accessLog: string;
}

/**
 * Starts nginx in the foreground with a generated configuration under `<data>/nginx` (every path it
 * writes is in there) and waits until it answers. Its pages: /missing-… 404, /boom… 500, anything else
 * 200. Null when nginx is not installed.
 */
async function startNginx(data: string): Promise<NginxSite | null> {
  if (!existsSync(NGINX)) {
    console.warn(`e2e: ${NGINX} not found: no nginx log source (the log-sources spec is skipped)`);
    return null;
  }
  const prefix = join(data, 'nginx');
  const logs = join(prefix, 'logs');
  const temp = join(prefix, 'temp');
  mkdirSync(logs, { recursive: true });
  mkdirSync(temp, { recursive: true });
  const port = await freePort();
  const accessLog = join(logs, 'access.log');
  const errorLog = join(logs, 'error.log');
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${errorLog} notice;
events { worker_connections 64; }
http {
  access_log ${accessLog} combined;
  client_body_temp_path ${join(temp, 'client_body')};
  proxy_temp_path ${join(temp, 'proxy')};
  fastcgi_temp_path ${join(temp, 'fastcgi')};
  uwsgi_temp_path ${join(temp, 'uwsgi')};
  scgi_temp_path ${join(temp, 'scgi')};
  default_type text/plain;
  server {
    listen 127.0.0.1:${port};
    location /missing- { return 404 "not here\n"; }
    location /boom { return 500 "boom\n"; }
    location / { return 200 "ok\n"; }
  }
}
`,
  );
  const outFile = join(prefix, 'nginx.out');
  // -e: the error log before the configuration is read (the default, under /var/log, may not be writable).
  nginx = spawnGuarded([NGINX, '-p', prefix, '-c', conf, '-e', errorLog, '-g', 'daemon off;'], outFile);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (nginx.exitCode !== null || nginx.signalCode !== null) {
      break;
    }
    try {
      if ((await fetch(`${url}/`)).status === 200) {
        return { url, accessLog };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopNginx();
  throw new Error(`nginx did not start on ${url}:\n${tail(outFile)}\n${tail(errorLog)}`);
}

async function stopNginx() {
  const child = nginx;
  if (!child) {
    return;
  }
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stdin?.end(); // the watchdog sends SIGTERM: nginx's fast shutdown
    const timer = setTimeout(() => killServer('SIGKILL', child), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  killServer('SIGKILL', child);
  nginx = null;
}

export default async function setup(project: TestProject) {
  // For quick iterations: run against a server you started yourself (same admin credentials).
  if (process.env.E2E_BASE_URL) {
    if (!process.env.E2E_DATA_DIR) {
      throw new Error("E2E_BASE_URL needs E2E_DATA_DIR (the server's VIGIL_DATA_DIR) too");
    }
    project.provide('baseUrl', process.env.E2E_BASE_URL.replace(/\/$/, ''));
    project.provide('dataDir', resolve(process.env.E2E_DATA_DIR));
    project.provide('adminEmail', process.env.E2E_ADMIN_EMAIL ?? ADMIN_EMAIL);
    project.provide('adminPassword', process.env.E2E_ADMIN_PASSWORD ?? ADMIN_PASSWORD);
    project.provide('controlUrl', '');
    project.provide('nginxUrl', process.env.E2E_NGINX_URL?.replace(/\/$/, '') ?? '');
    return;
  }
  const jar = resolve(process.env.VIGIL_JAR ?? '../target/vigil.jar');
  if (!existsSync(jar)) {
    throw new Error(`${jar} not found: build it first with ./mvnw -q -DskipTests package`);
  }
  const data = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  dataDir = data;
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const baseUrl = `http://localhost:${port}`;
  const outFile = join(data, 'server.out');

  const args = [
    '-jar',
    jar,
    `--server.port=${port}`,
    '--vigil.auth.login-rate-limit=1000',
    // Fast ticks so that the dashboard visibly changes within a few seconds.
    '--vigil.dashboard.interval=1s',
  ];
  const java = javaBinary();
  console.log(`e2e: ${jar} on ${java}`);
  const onSignal = (signal: NodeJS.Signals) => {
    killServer('SIGKILL');
    killServer('SIGKILL', nginx);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const site = await startNginx(data);
  // The nginx access log as a log source (vigil.logs.sources[0]); rotated files as logrotate names them.
  const sourceEnv: NodeJS.ProcessEnv = site
    ? {
        VIGIL_LOGS_SOURCES_0_NAME: 'nginx',
        VIGIL_LOGS_SOURCES_0_PATH: site.accessLog,
        VIGIL_LOGS_SOURCES_0_ROTATED: 'access.log.*',
      }
    : {};
  if (site) {
    console.log(`[e2e] nginx up on ${site.url}, access log ${site.accessLog}`);
  }
  const launch: Launch = {
    java,
    args,
    baseUrl,
    outFile,
    env: {
      ...process.env,
      VIGIL_DATA_DIR: data,
      VIGIL_AUTH_SECURE_COOKIES: 'false',
      VIGIL_ADMIN_EMAIL: ADMIN_EMAIL,
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SERVER_PORT: String(port),
      // The audit log also goes to a JSON lines file (audit-export.e2e.ts reads it).
      VIGIL_AUDIT_FILE: join(data, 'audit.jsonl'),
      ...sourceEnv,
    },
  };

  const started = Date.now();
  try {
    await start(launch);
  } catch (error) {
    await stopNginx();
    console.error(`[e2e] server output and data kept in ${data}`);
    throw error;
  }
  console.log(`[e2e] Vigil up on ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s, data in ${data}`);

  const control = await listenForControl(launch);
  project.provide('baseUrl', baseUrl);
  project.provide('dataDir', data);
  project.provide('adminEmail', ADMIN_EMAIL);
  project.provide('adminPassword', ADMIN_PASSWORD);
  project.provide('controlUrl', control.url);
  project.provide('nginxUrl', site?.url ?? '');

  return async () => {
    control.server.closeAllConnections();
    await new Promise<void>((r) => control.server.close(() => r()));
    await stop();
    await stopNginx();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (dataDir && !process.env.E2E_KEEP_DATA) {
      rmSync(dataDir, { recursive: true, force: true });
    } else if (dataDir) {
      console.log(`[e2e] data kept in ${dataDir}`);
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    adminEmail: string;
    adminPassword: string;
    /** The control endpoint of the server global-setup started; '' against an external server (E2E_BASE_URL). */
    controlUrl: string;
    /** The nginx whose access log is the server's `nginx` log source; '' without nginx (E2E_NGINX_URL outside). */
    nginxUrl: string;
  }
}
