// Processes the e2e run starts itself (the Vigil jar, nginx, an identity provider, a second cluster
// instance): each under a watchdog so that it dies with this process, whatever way that ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Runs `command` under a sh watchdog that reads our stdin: when this process ends in any way the pipe
 * closes, `cat` returns and the watchdog sends SIGTERM to the command. Detached: its own process group.
 */
export function spawnGuarded(command: string[], outFile: string, env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const out = openSync(outFile, 'a');
  // fd 3 keeps our stdin pipe for the background reader (a background job's own stdin is /dev/null).
  const watchdog =
    'exec 3<&0; "$@" 3<&- & child=$!; (cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null) & exec 3<&-; wait "$child"';
  const child = spawn('sh', ['-c', watchdog, 'vigil-e2e', ...command], {
    detached: true,
    stdio: ['pipe', out, out],
    env,
  });
  closeSync(out); // the child has its own copy
  return child;
}

/** Signals the child's whole group (the watchdog leads a group that holds the command too). */
export function killGroup(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGKILL') {
  if (child?.pid && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export function tail(file: string, lines = 60): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/** Waits until `url` answers 200; fails at once, with the output's tail, if `child` exits first. */
export async function waitForUrl(url: string, outFile: string, child: ChildProcess | null, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child?.exitCode !== null || child?.signalCode !== null) {
      throw new Error(`${url}: the process exited during start-up (code ${child?.exitCode}):\n${tail(outFile)}`);
    }
    try {
      if ((await fetch(url)).status === 200) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s:\n${tail(outFile)}`);
}

/** The feature version a JDK's `release` file states (0 when there is none). */
function jdkVersion(home: string): number {
  try {
    const match = /^JAVA_VERSION="(\d+)/m.exec(readFileSync(join(home, 'release'), 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * The runtime under test: `E2E_JAVA` (a java binary) if set, else the newest JDK 21+ in `JAVA_HOME` or
 * /usr/lib/jvm — what users run (the Docker image has 25) — else the `java` on the PATH.
 */
export function javaBinary(): string {
  if (process.env.E2E_JAVA) {
    return process.env.E2E_JAVA;
  }
  let homes: string[] = process.env.JAVA_HOME ? [process.env.JAVA_HOME] : [];
  try {
    homes = homes.concat(readdirSync('/usr/lib/jvm').map((name) => join('/usr/lib/jvm', name)));
  } catch {
    // no system JVM directory
  }
  const newest = homes
    .map((home) => ({ binary: join(home, 'bin', 'java'), version: jdkVersion(home) }))
    .filter((jdk) => jdk.version >= 21 && existsSync(jdk.binary))
    .sort((a, b) => b.version - a.version)[0];
  if (!newest) {
    console.warn('e2e: no JDK 21+ found (set E2E_JAVA): running the jar on the java on the PATH');
  }
  return newest?.binary ?? 'java';
}
