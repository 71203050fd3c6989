// Framework-free Server-Sent Events connection with a status for the UI. The browser's EventSource
// reconnects by itself after a network error (after the server's `retry:` advice); it gives up for
// good when a reconnect is answered with an error status (401 when the access cookie expired, 429).
// Then this module reopens it itself, with backoff and jitter, after `onClosed` (e.g. a session refresh).
// A stream that stays open but stops delivering (a proxy buffering it, a server that lost track of
// the subscriber) is not "live" either: after `staleAfterMs` — or three times the gap between the
// last two events, if longer — without an event it counts as offline and is reopened the same way.
// Until two events have shown the server's interval, the watchdog waits four times as long.
import { backoffDelay, globalTimers, type BackoffOptions, type Timers } from '@/lib/live-connection';

export type StreamStatus = 'connecting' | 'live' | 'offline';

/** The part of the browser EventSource this module uses (so tests can pass a fake). */
// Handlers take `any` so that a DOM EventSource (whose handlers take Event) is assignable.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: any) => void) | null;
  onerror: ((ev: any) => void) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** EventSource.CLOSED: the browser will not reconnect. */
const CLOSED = 2;

/** The dashboard stream advises a 10 s reconnect delay; reopening after a refusal starts there too. */
export const SSE_BACKOFF: BackoffOptions = { baseMs: 10_000, maxMs: 60_000, factor: 2, jitter: 0.2 };

export interface SseConnectionOptions {
  open: () => EventSourceLike;
  /** The event name to listen to (`metrics`). */
  event: string;
  onEvent: (data: string) => void;
  onStatus: (status: StreamStatus) => void;
  /** The browser gave up on the stream; called before a reopen is scheduled. */
  onClosed?: () => void;
  backoff?: BackoffOptions;
  /** Least time without an event before an open stream counts as stalled (default 15 s). */
  staleAfterMs?: number;
  random?: () => number;
  now?: () => number;
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
}

export interface SseConnection {
  start(): void;
  stop(): void;
  /** Reconnect at once if not live (the tab became visible, the network came back). */
  reconnectNow(): void;
  status(): StreamStatus;
}

export function createSseConnection(options: SseConnectionOptions): SseConnection {
  const timers = options.timers ?? globalTimers;
  const backoff = options.backoff ?? SSE_BACKOFF;
  let status: StreamStatus = 'connecting';
  let running = false;
  let source: EventSourceLike | null = null;
  let attempt = 0;
  let reopenTimer: unknown = null;
  let staleTimer: unknown = null;
  let lastEventAt: number | null = null;
  let gapMs = 0;
  const staleAfterMs = options.staleAfterMs ?? 15_000;
  const now = options.now ?? Date.now;

  const setStatus = (next: StreamStatus) => {
    if (next !== status) {
      status = next;
      options.onStatus(next);
    }
  };

  const clearStale = () => {
    if (staleTimer !== null) {
      timers.clearTimeout(staleTimer);
      staleTimer = null;
    }
  };

  /** (Re)arms the stall watchdog; called on open and on every event. */
  const watch = () => {
    clearStale();
    staleTimer = timers.setTimeout(() => {
      staleTimer = null;
      giveUp(false);
    }, gapMs > 0 ? Math.max(staleAfterMs, 3 * gapMs) : 4 * staleAfterMs);
  };

  const closeSource = () => {
    clearStale();
    if (source) {
      const s = source;
      source = null;
      s.onopen = null;
      s.onerror = null;
      s.close();
    }
  };

  const clearReopen = () => {
    if (reopenTimer !== null) {
      timers.clearTimeout(reopenTimer);
      reopenTimer = null;
    }
  };

  function open() {
    if (!running) {
      return;
    }
    let s: EventSourceLike;
    try {
      s = options.open();
    } catch {
      giveUp(true);
      return;
    }
    source = s;
    s.onopen = () => {
      attempt = 0;
      setStatus('live');
      watch();
    };
    s.addEventListener(options.event, (ev: MessageEvent) => {
      if (source !== s) {
        return;
      }
      // An event is proof of life even if `open` was missed.
      attempt = 0;
      setStatus('live');
      const at = now();
      if (lastEventAt !== null) {
        gapMs = at - lastEventAt;
      }
      lastEventAt = at;
      watch();
      if (typeof ev.data === 'string') {
        options.onEvent(ev.data);
      }
    });
    s.onerror = () => {
      clearStale();
      setStatus('offline');
      if (s.readyState === CLOSED) {
        giveUp(true);
      }
      // Otherwise the browser is reconnecting by itself; `open` (or the next event) ends the outage.
    };
  }

  /** Closes the source and schedules a reopen; `refused`: the browser gave up (maybe a 401), not a stall. */
  function giveUp(refused: boolean) {
    closeSource();
    if (!running) {
      return;
    }
    setStatus('offline');
    lastEventAt = null;
    if (refused) {
      options.onClosed?.();
    }
    clearReopen();
    const delay = backoffDelay(attempt, backoff, options.random);
    attempt += 1;
    reopenTimer = timers.setTimeout(() => {
      reopenTimer = null;
      open();
    }, delay);
  }

  return {
    start() {
      if (running) {
        return;
      }
      running = true;
      attempt = 0;
      setStatus('connecting');
      open();
    },
    stop() {
      running = false;
      clearReopen();
      closeSource();
    },
    reconnectNow() {
      if (!running || status === 'live') {
        return;
      }
      clearReopen();
      closeSource();
      open();
    },
    status: () => status,
  };
}
