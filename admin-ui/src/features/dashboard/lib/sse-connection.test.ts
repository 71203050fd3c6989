import { describe, expect, it, vi } from 'vitest';
import { createSseConnection, SSE_BACKOFF, type EventSourceLike, type StreamStatus } from './sse-connection';

class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  listeners = new Map<string, ((ev: MessageEvent) => void)[]>();
  addEventListener(type: string, listener: (ev: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  emit(type: string, data: string) {
    for (const l of this.listeners.get(type) ?? []) {
      l({ data } as MessageEvent);
    }
  }
  /** A network error: the browser keeps the source and reconnects by itself. */
  drop() {
    this.readyState = 0;
    this.onerror?.({});
  }
  /** A refused reconnect (e.g. 401): the browser gives up. */
  refuse() {
    this.readyState = 2;
    this.onerror?.({});
  }
}

function setup() {
  const sources: FakeSource[] = [];
  const statuses: StreamStatus[] = [];
  const events: string[] = [];
  const pending: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const onClosed = vi.fn();
  let clock = 0;
  const connection = createSseConnection({
    now: () => clock,
    open: () => {
      const s = new FakeSource();
      sources.push(s);
      return s;
    },
    event: 'metrics',
    onEvent: (d) => events.push(d),
    onStatus: (s) => statuses.push(s),
    onClosed,
    random: () => 0.5,
    timers: {
      setTimeout: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        pending.push(t);
        return t;
      },
      clearTimeout: (h) => {
        (h as { cleared: boolean }).cleared = true;
      },
    },
  });
  /** Runs the oldest timer still armed. */
  const fire = () => {
    const t = pending.find((p) => !p.cleared)!;
    t.cleared = true;
    t.fn();
    return t;
  };
  const live = () => pending.filter((t) => !t.cleared);
  const advance = (ms: number) => {
    clock += ms;
  };
  return { connection, sources, statuses, events, pending, live, fire, onClosed, advance };
}

describe('createSseConnection', () => {
  it('is connecting, then live on open, and forwards the named events', () => {
    const { connection, sources, statuses, events } = setup();
    connection.start();
    expect(connection.status()).toBe('connecting');
    sources[0].open();
    sources[0].emit('metrics', '{"a":1}');
    sources[0].emit('other', 'ignored');
    expect(statuses).toEqual(['live']);
    expect(events).toEqual(['{"a":1}']);
  });

  it('is offline while the browser reconnects by itself, live again when it succeeds', () => {
    const { connection, sources, statuses, live } = setup();
    connection.start();
    sources[0].open();
    sources[0].drop();
    expect(connection.status()).toBe('offline');
    expect(sources[0].closed).toBe(false);
    expect(live()).toHaveLength(0);
    sources[0].open();
    expect(statuses).toEqual(['live', 'offline', 'live']);
  });

  it('reopens with backoff after the browser gives up, calling onClosed first', () => {
    const { connection, sources, live, fire, onClosed } = setup();
    connection.start();
    sources[0].open();
    sources[0].refuse();
    expect(onClosed).toHaveBeenCalledTimes(1);
    expect(sources[0].closed).toBe(true);
    expect(live()[0].ms).toBe(SSE_BACKOFF.baseMs);
    fire();
    expect(sources).toHaveLength(2);
    sources[1].refuse();
    expect(live()[0].ms).toBe(SSE_BACKOFF.baseMs * 2);
    fire();
    sources[2].open();
    expect(connection.status()).toBe('live');
    sources[2].refuse();
    expect(live()[0].ms).toBe(SSE_BACKOFF.baseMs);
  });

  it('reconnects at once on request when not live, and not when live', () => {
    const { connection, sources, live } = setup();
    connection.start();
    sources[0].open();
    connection.reconnectNow();
    expect(sources).toHaveLength(1);
    sources[0].refuse();
    const reopen = live()[0];
    connection.reconnectNow();
    expect(reopen.cleared).toBe(true);
    expect(sources).toHaveLength(2);
  });

  it('ignores events of a replaced source and stops cleanly', () => {
    const { connection, sources, events, live } = setup();
    connection.start();
    sources[0].drop();
    connection.reconnectNow();
    expect(sources[0].closed).toBe(true);
    sources[0].emit('metrics', 'stale');
    expect(events).toEqual([]);
    sources[1].refuse();
    connection.stop();
    expect(live()).toHaveLength(0);
    expect(sources[1].closed).toBe(true);
  });

  it('counts a stream without events as stalled and reopens it with backoff, without a session refresh', () => {
    const { connection, sources, live, onClosed, advance } = setup();
    connection.start();
    sources[0].open();
    expect(live()).toHaveLength(1);
    expect(live()[0].ms).toBe(60_000);
    sources[0].emit('metrics', 'first');
    advance(1_000);
    sources[0].emit('metrics', 'second');
    expect(live()[0].ms).toBe(15_000);
    // Events re-arm the watchdog; a slow server (30 s interval) stretches it to three gaps.
    sources[0].emit('metrics', 'a');
    advance(30_000);
    sources[0].emit('metrics', 'b');
    const watchdog = live();
    expect(watchdog).toHaveLength(1);
    expect(watchdog[0].ms).toBe(90_000);
    watchdog[0].fn();
    watchdog[0].cleared = true;
    expect(connection.status()).toBe('offline');
    expect(sources[0].closed).toBe(true);
    expect(onClosed).not.toHaveBeenCalled();
    const reopen = live();
    expect(reopen).toHaveLength(1);
    expect(reopen[0].ms).toBe(SSE_BACKOFF.baseMs);
    reopen[0].fn();
    reopen[0].cleared = true;
    expect(sources).toHaveLength(2);
    sources[1].emit('metrics', 'c');
    expect(connection.status()).toBe('live');
    expect(live()[0].ms).toBe(90_000);
  });

  it('disarms the watchdog while the browser reconnects and when stopped', () => {
    const { connection, sources, live } = setup();
    connection.start();
    sources[0].open();
    sources[0].drop();
    expect(live()).toHaveLength(0);
    sources[0].open();
    expect(live()).toHaveLength(1);
    connection.stop();
    expect(live()).toHaveLength(0);
  });
});
