// Pure helpers for showing log lines: level filter parameter, colours, dates, key fields.

import { LOG_LEVELS, type LogEntry, type LogFilters } from '../types';

/** The `level` parameter for the server: undefined (every level, `unknown` too) unless a real subset is chosen. */
export function levelParam(levels: readonly string[]): string | undefined {
  const chosen = LOG_LEVELS.filter((level) => levels.includes(level));
  if (chosen.length === 0 || chosen.length === LOG_LEVELS.length) {
    return undefined;
  }
  return chosen.join(',');
}

/** Filters as the stream's query parameters / filter message (`{"level":"…","search":"…"}`). */
export function filterParams(filters: LogFilters): { level?: string; search?: string } {
  const level = levelParam(filters.levels);
  const search = filters.search.trim();
  return { ...(level ? { level } : {}), ...(search ? { search } : {}) };
}

export function levelColor(level: string | undefined): string {
  switch (level) {
    case 'error':
      return 'red';
    case 'warn':
      return 'yellow';
    case 'info':
      return 'blue';
    case 'debug':
      return 'gray';
    default:
      return 'grape';
  }
}

function parseTime(time: unknown): Date | null {
  if (typeof time !== 'string' || time === '') {
    return null;
  }
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local calendar day of an entry (`2026-11-22`), or null when it has no readable time. */
export function dayKey(entry: LogEntry): string | null {
  const date = parseTime(entry.time);
  return date ? `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` : null;
}

/** Local wall-clock time with milliseconds (`10:00:00.123`); the raw value when it is not a date. */
export function formatTime(entry: LogEntry): string {
  const date = parseTime(entry.time);
  if (!date) {
    return typeof entry.time === 'string' ? entry.time : '';
  }
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A day heading, e.g. `Sunday, 22 November 2026`. */
export function formatDay(key: string): string {
  const [y, m, d] = key.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString(undefined, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
}

/** `dev.vigil.logs.LogChannel` → `d.v.l.LogChannel`: the class stays readable, the package stays short. */
export function shortLogger(logger: string): string {
  const parts = logger.split('.');
  if (parts.length <= 1) {
    return logger;
  }
  return [...parts.slice(0, -1).map((p) => p.charAt(0)), parts[parts.length - 1]].join('.');
}

const SHOWN = new Set(['time', 'level', 'msg', 'logger', 'thread', 'stack', 'truncated']);
const MAX_FIELD_CHARS = 80;

function text(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > MAX_FIELD_CHARS ? `${s.slice(0, MAX_FIELD_CHARS - 1)}…` : s;
}

/** The fields shown inline after the message: request id and error first, then the rest, at most `max`. */
export function keyFields(entry: LogEntry, max = 4): [string, string][] {
  const names = Object.keys(entry).filter(
    (name) => !SHOWN.has(name) && entry[name] !== null && entry[name] !== undefined,
  );
  const first = ['request_id', 'error'].filter((name) => names.includes(name));
  const ordered = [...first, ...names.filter((name) => !first.includes(name))];
  return ordered.slice(0, max).map((name) => [name, text(entry[name])]);
}

/** The message to show: `msg`, else the whole line as JSON. */
export function messageOf(entry: LogEntry): string {
  return typeof entry.msg === 'string' ? entry.msg : JSON.stringify(entry);
}
