/** The levels the filter offers; `debug` also covers `trace` and `error` also covers `fatal` (see levelParam). */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const isLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

/** Every level the server writes into entries, most severe first (lines without one are `unknown`). */
export const ENTRY_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'] as const;

/** The built-in source, the server's own log: the default when the URL names none. */
export const DEFAULT_SOURCE = 'vigil';

/**
 * One log entry as a JSON object: the server's own line, or a parsed line of another format
 * (`{"time"?, "level", "msg", …fields}`). Multi-line entries carry the extra lines in `stack` and their
 * physical line count in `lines`.
 */
export interface LogEntry {
  time?: string;
  level?: string;
  msg?: string;
  logger?: string;
  thread?: string;
  request_id?: string;
  error?: string;
  stack?: string;
  lines?: number;
  truncated?: boolean;
  continuation?: boolean;
  [field: string]: unknown;
}

/** What the log view shows: lines and the stream's markers, each with a stable React key. */
export type LogItem =
  | { kind: 'log'; key: string; cursor: string | null; entry: LogEntry; raw: string }
  | { kind: 'skipped'; key: string; count: number }
  | { kind: 'rotated'; key: string; file: string | null; reason: string | null }
  | { kind: 'reset'; key: string };

export type LogLine = Extract<LogItem, { kind: 'log' }>;

/** Distributes the key over the union (Omit on a union would collapse it). */
export type LogItemInput = LogItem extends infer I ? (I extends LogItem ? Omit<I, 'key'> : never) : never;

export interface LogFilters {
  /** Selected levels; empty or all four means every level (including `unknown`). */
  levels: LogLevel[];
  search: string;
  /** Java regex over the entry's raw text (case-insensitive), '' for none. */
  regex?: string;
  /** Java regex: entries matching it are hidden, '' for none. */
  exclude?: string;
  /** ISO-8601 instants, '' for none. */
  from?: string;
  to?: string;
}

/** The filters as request/stream parameters: only the ones that are set. */
export interface FilterParams {
  level?: string;
  search?: string;
  regex?: string;
  exclude?: string;
  from?: string;
  to?: string;
}

export interface LogFileInfo {
  name: string;
  size: number;
  modified: string;
}

export type SourceStatus = 'live' | 'waiting' | 'unreadable';

/** One entry of GET /api/admin/logs/sources. */
export interface LogSourceInfo {
  name: string;
  format?: string;
  /** The live file's name (no directory). */
  file?: string;
  status: SourceStatus;
  message?: string;
  size?: number;
  modified?: string;
}

export const logKeys = {
  all: ['logs'] as const,
  sources: ['logs', 'sources'] as const,
  files: (source: string) => ['logs', 'files', source] as const,
  history: (source: string, file: string, before: string | null, filters: FilterParams) =>
    ['logs', 'history', source, file, before ?? '', filters] as const,
  context: (source: string, cursor: string, before: number, after: number) =>
    ['logs', 'context', source, cursor, before, after] as const,
  rate: (source: string) => ['logs', 'rate', source] as const,
  instances: ['logs', 'instances'] as const,
  validation: (source: string, filters: FilterParams) => ['logs', 'validation', source, filters] as const,
};

/** A live Vigil instance (GET /api/admin/instances); `self`: the one that answered. */
export interface InstanceInfo {
  id: string;
  name: string;
  started_at: number;
  seen_at: number;
  self: boolean;
  details?: Record<string, unknown>;
}
