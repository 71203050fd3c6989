// The one live-stream connection every feature uses: opens the stream over WebSocket, SSE, or WebSocket
// falling back to SSE (`auto`); reconnects with backoff and jitter, resuming after the adapter's cursor
// (`?since=`); reopens a stream that stopped delivering (stall watchdog); polls while offline if asked;
// reports one StreamStatus. Framework-free: React hooks only wire callbacks into it.
import { backoffDelay, DEFAULT_BACKOFF, globalTimers, type BackoffOptions, type Timers } from './backoff';
import type { StreamStatus, Transport, TransportChoice } from './status';
import { browserOpeners, openLink, type Link, type Openers, type StreamMessage } from './transport';

/** WebSocket attempts that never opened, in a row, before `auto` tries SSE. */
const WS_FAILURES_BEFORE_SSE = 2;

export type QueryParams = Record<string, string | number | undefined>;

export interface StreamOptions {
  /** The endpoint, e.g. `/api/admin/logs/stream` (it serves both wires). */
  path: string;
  transport: TransportChoice;
  /** The SSE event names to listen to (WebSocket frames carry their `type`). */
  events: readonly string[];
  onMessage: (message: StreamMessage) => void;
  onStatus?: (status: StreamStatus, transport: Transport) => void;
  /** Query parameters of the next connection (filters, backlog…), read on every connect. */
  query?: () => QueryParams;
  /** Resume cursor: a connection asks for what came after it (`?since=`), read on every connect. */
  cursor?: () => string | null;
  /** A new connection is being opened: messages from now on are its own. */
  onConnecting?: () => void;
  /** Awaited before every reconnect: a session refresh, as the 5-minute access cookie may have expired. */
  beforeReconnect?: () => unknown;
  /** Fallback while offline: run when the stream drops, then every `everyMs`, until it is live again. */
  poll?: { everyMs: number; run: () => unknown };
  /**
   * For streams that send data at an interval (heartbeats are invisible to a browser): a connection
   * without a message for this long — or three times the gap between the last two, if longer — is
   * stalled and reopened. Until two messages have shown the interval, it waits four times as long.
   */
  stallAfterMs?: number;
  backoff?: BackoffOptions;
  openers?: Openers;
  random?: () => number;
  now?: () => number;
  timers?: Timers;
}

export interface StreamConnection {
  start(): void;
  stop(): void;
  /** Reconnects at once when waiting to (the tab became visible, the network came back). */
  reconnectNow(): void;
  /** New query parameters: reconnects with them now, or (when waiting) at the next attempt. */
  reopen(): void;
  /** Sends on the open WebSocket; false when there is none. */
  send(text: string): boolean;
  status(): StreamStatus;
  transport(): Transport;
}

function url(path: string, query: QueryParams, cursor: string | null): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  if (cursor) {
    search.set('since', cursor);
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export function createStreamConnection(options: StreamOptions): StreamConnection {
  const timers = options.timers ?? globalTimers;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const openers = options.openers ?? browserOpeners;
  const now = options.now ?? Date.now;
  const first: Transport = options.transport === 'sse' ? 'sse' : 'ws';
  let running = false;
  let status: StreamStatus = 'connecting';
  let transport = first;
  let link: Link | null = null;
  let opened = false;
  /** Bumped for every connection and by stop: late callbacks of an earlier one do nothing. */
  let generation = 0;
  let attempt = 0;
  let wsFailures = 0;
  let retryTimer: unknown = null;
  let pollTimer: unknown = null;
  let stallTimer: unknown = null;
  let lastMessageAt: number | null = null;
  let gapMs = 0;

  const report = (nextStatus: StreamStatus, nextTransport: Transport) => {
    if (nextStatus !== status || nextTransport !== transport) {
      status = nextStatus;
      transport = nextTransport;
      options.onStatus?.(status, transport);
    }
  };

  const runPoll = () => {
    try {
      Promise.resolve(options.poll?.run()).catch(() => undefined);
    } catch {
      // the next tick, or the reconnect, tries again
    }
  };

  const startPolling = () => {
    if (options.poll && pollTimer === null) {
      runPoll();
      pollTimer = timers.setInterval(runPoll, options.poll.everyMs);
    }
  };

  const stopPolling = () => {
    if (pollTimer !== null) {
      timers.clearInterval(pollTimer);
      pollTimer = null;
    }
  };

  const clearStall = () => {
    if (stallTimer !== null) {
      timers.clearTimeout(stallTimer);
      stallTimer = null;
    }
  };

  const watchStall = () => {
    const stallAfterMs = options.stallAfterMs;
    if (stallAfterMs === undefined) {
      return;
    }
    clearStall();
    const wait = gapMs > 0 ? Math.max(stallAfterMs, 3 * gapMs) : 4 * stallAfterMs;
    stallTimer = timers.setTimeout(() => {
      stallTimer = null;
      down();
    }, wait);
  };

  const clearRetry = () => {
    if (retryTimer !== null) {
      timers.clearTimeout(retryTimer);
      retryTimer = null;
    }
  };

  const closeLink = () => {
    generation += 1;
    clearStall();
    lastMessageAt = null;
    if (link) {
      link.close();
      link = null;
    }
    opened = false;
  };

  const markOpen = () => {
    if (!opened) {
      opened = true;
      attempt = 0;
      if (transport === 'ws') {
        wsFailures = 0;
      }
      stopPolling();
      report('live', transport);
    }
  };

  function connect() {
    if (!running) {
      return;
    }
    closeLink();
    const run = generation;
    const mine = () => running && run === generation;
    options.onConnecting?.();
    const target = url(options.path, options.query?.() ?? {}, options.cursor?.() ?? null);
    try {
      link = openLink(transport, target, options.events, openers, {
        open() {
          if (mine()) {
            markOpen();
            watchStall();
          }
        },
        message(message) {
          if (!mine()) {
            return;
          }
          // A message is proof of life even when `open` was missed.
          markOpen();
          const at = now();
          if (lastMessageAt !== null) {
            gapMs = at - lastMessageAt;
          }
          lastMessageAt = at;
          watchStall();
          options.onMessage(message);
        },
        down() {
          if (mine()) {
            down();
          }
        },
      });
    } catch {
      down();
    }
  }

  /** The connection ended (or never began): wait, then reconnect; `auto` tries SSE when WS keeps failing. */
  function down() {
    const wasOpen = opened;
    const was = transport;
    closeLink();
    if (!running) {
      return;
    }
    let next = was;
    let delay: number;
    if (was === 'ws' && !wasOpen) {
      wsFailures += 1;
    }
    if (options.transport === 'auto' && was === 'ws' && wsFailures >= WS_FAILURES_BEFORE_SSE) {
      // WebSockets do not get through (a proxy?): SSE at once. The backoff keeps growing: if the server
      // is simply away, SSE fails as well and the next waits are longer.
      wsFailures = 0;
      next = 'sse';
      delay = 0;
    } else {
      if (options.transport === 'auto' && was === 'sse' && !wasOpen) {
        // SSE fails too: the server is away rather than WebSockets blocked; WS again next time.
        next = 'ws';
      }
      delay = backoffDelay(attempt, backoff, options.random);
      attempt += 1;
    }
    report('offline', next);
    startPolling();
    retryTimer = timers.setTimeout(() => {
      retryTimer = null;
      reconnect();
    }, delay);
  }

  function reconnect() {
    let prepared: unknown;
    try {
      prepared = options.beforeReconnect?.();
    } catch {
      prepared = undefined;
    }
    if (prepared instanceof Promise) {
      const run = generation;
      const go = () => {
        if (running && run === generation && retryTimer === null) {
          connect();
        }
      };
      prepared.then(go, go);
    } else {
      connect();
    }
  }

  return {
    start() {
      if (running) {
        return;
      }
      running = true;
      attempt = 0;
      wsFailures = 0;
      report('connecting', first);
      connect();
    },
    stop() {
      running = false;
      clearRetry();
      stopPolling();
      closeLink();
    },
    reconnectNow() {
      if (running && retryTimer !== null) {
        clearRetry();
        reconnect();
      }
    },
    reopen() {
      if (running && retryTimer === null) {
        report('connecting', transport);
        connect();
      }
    },
    send: (text) => (opened && link ? link.send(text) : false),
    status: () => status,
    transport: () => transport,
  };
}
