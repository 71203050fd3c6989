// The server's log files, written to directly: the live file is <data>/logs/vigil.log (JSON lines in
// LogLineFormatter's shape) and rotated files are vigil-YYYY-MM-DD.N.log beside it (application.yaml's
// logback file-name-pattern, and the names LogFiles serves).
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

export type Level = 'debug' | 'info' | 'warn' | 'error';

export function logsDir(): string {
  return join(inject('dataDir'), 'logs');
}

export function logLine(level: Level, msg: string, time = new Date()): string {
  return JSON.stringify({ time: time.toISOString(), level, msg, logger: 'dev.vigil.e2e', thread: 'e2e' });
}

/** Appends lines to the live log file in one write (so they are read in this order). */
export function appendLog(...lines: { level: Level; msg: string }[]): void {
  appendFileSync(join(logsDir(), 'vigil.log'), lines.map((l) => logLine(l.level, l.msg) + '\n').join(''));
}

/**
 * Writes a rotated file dated two days ago: inside the 7 days kept, and never the name a real
 * midnight rollover during the run would take (that one is yesterday's).
 */
export function writeRotatedLog(lines: { level: Level; msg: string }[]): string {
  const day = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  const name = `vigil-${day.toISOString().slice(0, 10)}.0.log`;
  const time = new Date(day.getTime());
  writeFileSync(
    join(logsDir(), name),
    lines.map((l, i) => logLine(l.level, l.msg, new Date(time.getTime() + i * 1000)) + '\n').join(''),
  );
  return name;
}
