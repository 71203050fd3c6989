// Pure helpers for showing log lines: level filter parameter, colours, dates, key fields.

import { LOG_LEVELS, type FilterParams, type LogEntry, type LogFilters } from '../types';

/** The server matches levels exactly: the four checkboxes also cover the levels other programs write. */
const ALSO: Record<string, string[]> = { debug: ['trace'], error: ['fatal'] };
const SERVER_ORDER = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/**
 * The `level` parameter for the server: undefined (every level, `unknown` too) unless a real subset is
 * chosen; `debug` brings `trace` and `error` brings `fatal` along.
 */
export function levelParam(levels: readonly string[]): string | undefined {
  const chosen = LOG_LEVELS.filter((level) => levels.includes(level));
  if (chosen.length === 0 || chosen.length === LOG_LEVELS.length) {
    return undefined;
  }
  const wanted = new Set(chosen.flatMap((level) => [level, ...(ALSO[level] ?? [])]));
  return SERVER_ORDER.filter((level) => wanted.has(level)).join(',');
}

/** Filters as request / stream query parameters: only those set (search trimmed). */
export function filterParams(filters: LogFilters): FilterParams {
  const params: FilterParams = {};
  const level = levelParam(filters.levels);
  const search = filters.search.trim();
  if (level) params.level = level;
  if (search) params.search = search;
  // Regexes are sent as typed: a leading or trailing space may be meant.
  if (filters.regex) params.regex = filters.regex;
  if (filters.exclude) params.exclude = filters.exclude;
  if (filters.from) params.from = filters.from;
  if (filters.to) params.to = filters.to;
  return params;
}

export function levelColor(level: string | undefined): string {
  switch (level) {
    case 'fatal':
    case 'error':
      return 'red';
    case 'warn':
      return 'yellow';
    case 'info':
      return 'blue';
    case 'debug':
    case 'trace':
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

const SHOWN = new Set(['time', 'level', 'msg', 'logger', 'thread', 'stack', 'lines', 'truncated', 'continuation']);
const MAX_FIELD_CHARS = 80;

function text(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > MAX_FIELD_CHARS ? `${s.slice(0, MAX_FIELD_CHARS - 1)}…` : s;
}

/** The fields shown inline after the message: request id, error and status first, then the rest, at most `max`. */
export function keyFields(entry: LogEntry, max = 4): [string, string][] {
  const names = Object.keys(entry).filter(
    (name) => !SHOWN.has(name) && entry[name] !== null && entry[name] !== undefined,
  );
  const first = ['request_id', 'error', 'status'].filter((name) => names.includes(name));
  const ordered = [...first, ...names.filter((name) => !first.includes(name))];
  return ordered.slice(0, max).map((name) => [name, text(entry[name])]);
}

/** The message to show on the entry's one row: the first line of `msg`, else the whole entry as JSON. */
export function messageOf(entry: LogEntry): string {
  if (typeof entry.msg !== 'string') {
    return JSON.stringify(entry);
  }
  const newline = entry.msg.indexOf('\n');
  return newline < 0 ? entry.msg : entry.msg.slice(0, newline);
}

/**
 * How many lines an entry has beyond its first (a stack trace after its message): from `lines` when the
 * server counted them, else from `stack` and `msg`. 0 for a one-line entry.
 */
export function extraLines(entry: LogEntry): number {
  if (typeof entry.lines === 'number' && entry.lines > 1) {
    return entry.lines - 1;
  }
  let extra = 0;
  if (typeof entry.msg === 'string') {
    extra += entry.msg.split('\n').length - 1;
  }
  if (typeof entry.stack === 'string' && entry.stack !== '') {
    extra += entry.stack.replace(/\n$/, '').split('\n').length;
  }
  return extra;
}
