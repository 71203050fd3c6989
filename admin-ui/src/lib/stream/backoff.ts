// How long a stream waits before its next attempt, and the timers it waits with (injected in tests).

export interface BackoffOptions {
  /** First retry delay (ms). */
  baseMs: number;
  /** Upper bound for the delay before jitter (ms). */
  maxMs: number;
  factor: number;
  /** ± fraction of the delay, e.g. 0.2 = ±20 %: spreads the reconnects of many tabs after a restart. */
  jitter: number;
}

// Capped low: a page converges only once it is connected again, and an attempt at a server that is
// away costs it nothing (a refused connection).
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 8_000, factor: 2, jitter: 0.2 };

/** Delay before reconnect attempt number `attempt` (0-based). `random` returns a value in [0, 1). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const raw = Math.min(options.maxMs, options.baseMs * Math.pow(options.factor, Math.max(0, attempt)));
  const spread = raw * options.jitter;
  return Math.max(0, Math.round(raw - spread + random() * 2 * spread));
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The browser's timers; tests pass fakes instead. */
export const globalTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};
