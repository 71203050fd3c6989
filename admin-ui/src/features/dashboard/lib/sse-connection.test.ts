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
  const connection = createSseConnection({
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
  const fire = () => {
    const t = pending.shift()!;
    if (!t.cleared) {
      t.fn();
    }
    return t;
  };
  return { connection, sources, statuses, events, pending, fire, onClosed };
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
    const { connection, sources, statuses, pending } = setup();
    connection.start();
    sources[0].open();
    sources[0].drop();
    expect(connection.status()).toBe('offline');
    expect(sources[0].closed).toBe(false);
    expect(pending).toHaveLength(0);
    sources[0].open();
    expect(statuses).toEqual(['live', 'offline', 'live']);
  });

  it('reopens with backoff after the browser gives up, calling onClosed first', () => {
    const { connection, sources, pending, fire, onClosed } = setup();
    connection.start();
    sources[0].open();
    sources[0].refuse();
    expect(onClosed).toHaveBeenCalledTimes(1);
    expect(sources[0].closed).toBe(true);
    expect(pending[0].ms).toBe(SSE_BACKOFF.baseMs);
    fire();
    expect(sources).toHaveLength(2);
    sources[1].refuse();
    expect(pending[0].ms).toBe(SSE_BACKOFF.baseMs * 2);
    fire();
    sources[2].open();
    expect(connection.status()).toBe('live');
    sources[2].refuse();
    expect(pending[0].ms).toBe(SSE_BACKOFF.baseMs);
  });

  it('reconnects at once on request when not live, and not when live', () => {
    const { connection, sources, pending } = setup();
    connection.start();
    sources[0].open();
    connection.reconnectNow();
    expect(sources).toHaveLength(1);
    sources[0].refuse();
    connection.reconnectNow();
    expect(pending[0].cleared).toBe(true);
    expect(sources).toHaveLength(2);
  });

  it('ignores events of a replaced source and stops cleanly', () => {
    const { connection, sources, events, pending } = setup();
    connection.start();
    sources[0].drop();
    connection.reconnectNow();
    expect(sources[0].closed).toBe(true);
    sources[0].emit('metrics', 'stale');
    expect(events).toEqual([]);
    sources[1].refuse();
    connection.stop();
    expect(pending[0].cleared).toBe(true);
    expect(sources[1].closed).toBe(true);
  });
});
