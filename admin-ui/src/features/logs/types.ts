/** The levels the server writes; lines without a known level arrive as `unknown`. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One log line as a JSON object (the server's own line format, or `{"level":"unknown","msg":…}`). */
export interface LogEntry {
  time?: string;
  level?: string;
  msg?: string;
  logger?: string;
  thread?: string;
  request_id?: string;
  error?: string;
  stack?: string;
  truncated?: boolean;
  [field: string]: unknown;
}

/** What the log view shows: lines and the stream's markers, each with a stable React key. */
export type LogItem =
  | { kind: 'log'; key: string; cursor: string | null; entry: LogEntry; raw: string }
  | { kind: 'skipped'; key: string; count: number }
  | { kind: 'rotated'; key: string; file: string | null; reason: string | null }
  | { kind: 'reset'; key: string };

/** Distributes the key over the union (Omit on a union would collapse it). */
export type LogItemInput = LogItem extends infer I ? (I extends LogItem ? Omit<I, 'key'> : never) : never;

export interface LogFilters {
  /** Selected levels; empty or all four means every level (including `unknown`). */
  levels: LogLevel[];
  search: string;
}

export interface LogFileInfo {
  name: string;
  size: number;
  modified: string;
}

export const logKeys = {
  all: ['logs'] as const,
  files: ['logs', 'files'] as const,
  history: (file: string, level: string, search: string) => ['logs', 'history', file, level, search] as const,
};
