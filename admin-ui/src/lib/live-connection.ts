// Framework-free live connection: a WebSocket that falls back to polling while it is down and
// reconnects with exponential backoff plus jitter. React code only wires callbacks into it, so the
// timing logic is unit-tested on its own (live-connection.test.ts) with fake timers and sockets.

export type LiveState = 'connecting' | 'live' | 'polling' | 'stopped';

/** The part of the browser WebSocket this module uses (so tests can pass a fake). */
// Handlers take `any` so that a DOM WebSocket (whose handlers take Event subtypes) is assignable.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface SocketLike {
  onopen: ((ev: any) => void) | null;
  onmessage: ((ev: any) => void) | null;
  onclose: ((ev: any) => void) | null;
  onerror: ((ev: any) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface BackoffOptions {
  /** First retry delay (ms). */
  baseMs: number;
  /** Upper bound for the delay before jitter (ms). */
  maxMs: number;
  factor: number;
  /** ± fraction of the delay, e.g. 0.2 = ±20 %. Spreads reconnects of many tabs/clients after a restart. */
  jitter: number;
}

// Capped low: a page converges only once it is connected again, and an attempt at a server that is away
// costs it nothing (a refused connection); the jitter still spreads the tabs of many browsers.
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 8_000, factor: 2, jitter: 0.2 };

/** Delay before reconnect attempt number `attempt` (0-based). `random` returns a value in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF,
    random: () => number = Math.random): number {
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

export interface LiveConnectionOptions {
  /** Opens a new socket (called for the first connect and every reconnect). */
  open: () => SocketLike;
  onMessage: (data: string) => void;
  /** Fallback while the socket is down: called at once when falling back, then every `pollIntervalMs`. */
  poll: () => void | Promise<void>;
  onStateChange?: (state: LiveState) => void;
  /** Called after every close (e.g. to refresh the session before the next attempt on 1008). */
  onClose?: (code: number) => void;
  pollIntervalMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  timers?: Timers;
}

export interface LiveConnection {
  start(): void;
  stop(): void;
  /** Reconnect now if not live (e.g. the tab became visible, or the network came back). */
  reconnectNow(): void;
  state(): LiveState;
}

export function createLiveConnection(options: LiveConnectionOptions): LiveConnection {
  const timers = options.timers ?? globalTimers;
  const pollIntervalMs = options.pollIntervalMs ?? 30_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let state: LiveState = 'stopped';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let reconnectTimer: unknown = null;
  let pollTimer: unknown = null;

  const setState = (next: LiveState) => {
    if (next !== state) {
      state = next;
      options.onStateChange?.(next);
    }
  };

  const runPoll = () => {
    try {
      const result = options.poll();
      if (result && typeof (result as Promise<void>).catch === 'function') {
        (result as Promise<void>).catch(() => undefined);
      }
    } catch {
      // polling errors are not fatal: the next tick or reconnect tries again
    }
  };

  const startPolling = () => {
    if (pollTimer === null) {
      runPoll();
      pollTimer = timers.setInterval(runPoll, pollIntervalMs);
    }
  };

  const stopPolling = () => {
    if (pollTimer !== null) {
      timers.clearInterval(pollTimer);
      pollTimer = null;
    }
  };

  const clearReconnect = () => {
    if (reconnectTimer !== null) {
      timers.clearTimeout(reconnectTimer);
      reconnectTimer = null;
    }
  };

  const detach = (s: SocketLike) => {
    s.onopen = null;
    s.onmessage = null;
    s.onclose = null;
    s.onerror = null;
  };

  const scheduleReconnect = () => {
    clearReconnect();
    const delay = backoffDelay(attempt, backoff, options.random);
    attempt += 1;
    reconnectTimer = timers.setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  const handleDown = (code: number) => {
    if (socket) {
      detach(socket);
      socket = null;
    }
    if (state === 'stopped') {
      return;
    }
    options.onClose?.(code);
    setState('polling');
    startPolling();
    scheduleReconnect();
  };

  function connect() {
    if (state === 'stopped') {
      return;
    }
    if (state !== 'polling') {
      setState('connecting');
    }
    let s: SocketLike;
    try {
      s = options.open();
    } catch {
      handleDown(1006);
      return;
    }
    socket = s;
    s.onopen = () => {
      attempt = 0;
      stopPolling();
      setState('live');
    };
    s.onmessage = (ev: { data: unknown }) => {
      if (typeof ev.data === 'string') {
        options.onMessage(ev.data);
      }
    };
    // A failed handshake fires error then close; act once, on close.
    s.onerror = () => undefined;
    s.onclose = (ev: { code?: number } | undefined) => handleDown(ev?.code ?? 1006);
  }

  return {
    start() {
      if (state !== 'stopped') {
        return;
      }
      attempt = 0;
      setState('connecting');
      connect();
    },
    stop() {
      clearReconnect();
      stopPolling();
      setState('stopped');
      if (socket) {
        const s = socket;
        detach(s);
        socket = null;
        s.close(1000, 'client stopped');
      }
    },
    reconnectNow() {
      if (state === 'polling' && socket === null) {
        clearReconnect();
        connect();
      }
    },
    state: () => state,
  };
}
