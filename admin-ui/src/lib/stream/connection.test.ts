import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStreamConnection, type StreamOptions } from './connection';
import type { StreamStatus, Transport } from './status';
import { fakeOpeners } from './test-fakes';
import type { StreamMessage } from './transport';

function setup(overrides: Partial<StreamOptions> = {}) {
  const { openers, sockets, sources } = fakeOpeners();
  const messages: StreamMessage[] = [];
  const statuses: [StreamStatus, Transport][] = [];
  const beforeReconnect = vi.fn();
  let cursor: string | null = null;
  const connection = createStreamConnection({
    path: '/api/stream',
    transport: 'ws',
    events: ['log', 'reset'],
    onMessage: (m) => {
      messages.push(m);
      cursor = m.id ?? cursor;
    },
    onStatus: (status, transport) => statuses.push([status, transport]),
    query: () => ({ backlog: 100, level: undefined }),
    cursor: () => cursor,
    beforeReconnect,
    random: () => 0.5,
    openers,
    ...overrides,
  });
  return { connection, sockets, sources, messages, statuses, beforeReconnect };
}

describe('createStreamConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is connecting, then live on open, and passes each frame on parsed once', () => {
    const { connection, sockets, messages, statuses } = setup();
    connection.start();
    expect(connection.status()).toBe('connecting');
    expect(sockets[0].url).toBe('/api/stream?backlog=100');
    sockets[0].open();
    sockets[0].frame({ type: 'notification', id: 42, unread_count: 3 });
    sockets[0].frame('not json');
    expect(statuses).toEqual([['live', 'ws']]);
    expect(messages[0]).toEqual({
      type: 'notification',
      id: '42',
      data: { type: 'notification', id: 42, unread_count: 3 },
      text: '{"type":"notification","id":42,"unread_count":3}',
      transport: 'ws',
    });
    expect(messages[1]).toMatchObject({ type: 'message', id: null, data: undefined, text: 'not json' });
  });

  it('reconnects with backoff after a drop, resuming after the cursor, refreshing the session first', () => {
    const { connection, sockets, beforeReconnect } = setup();
    connection.start();
    sockets[0].open();
    sockets[0].frame({ type: 'log', id: '7-200' });
    sockets[0].fail(1001);
    expect(connection.status()).toBe('offline');
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(beforeReconnect).toHaveBeenCalledTimes(1);
    expect(sockets[1].params).toEqual({ backlog: '100', since: '7-200' });
    expect(connection.status()).toBe('offline');
    sockets[1].open();
    expect(connection.status()).toBe('live');
  });

  it('waits for beforeReconnect when it returns a promise', async () => {
    const { connection, sockets, beforeReconnect } = setup();
    let release: () => void = () => undefined;
    beforeReconnect.mockReturnValue(new Promise<void>((resolve) => (release = resolve)));
    connection.start();
    sockets[0].open();
    sockets[0].fail();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sockets).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets).toHaveLength(2);
  });

  it('backs off exponentially while the server is away, and starts over once connected', () => {
    const { connection, sockets } = setup();
    connection.start();
    sockets[0].fail();
    vi.advanceTimersByTime(1_000);
    sockets[1].fail();
    vi.advanceTimersByTime(1_999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    sockets[2].open();
    sockets[2].fail(1013);
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(4);
  });

  it('applies jitter to the reconnect delay', () => {
    const { connection, sockets } = setup({ random: () => 0 });
    connection.start();
    sockets[0].fail();
    vi.advanceTimersByTime(800);
    expect(sockets).toHaveLength(2);
  });

  it('polls while offline (at once, then at its interval) and stops polling once live again', () => {
    const run = vi.fn();
    const { connection, sockets } = setup({
      poll: { everyMs: 30_000, run },
      backoff: { baseMs: 5_000, maxMs: 8_000, factor: 2, jitter: 0 },
    });
    connection.start();
    sockets[0].open();
    vi.advanceTimersByTime(120_000);
    expect(run).not.toHaveBeenCalled();
    sockets[0].fail();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    sockets[1].fail();
    vi.advanceTimersByTime(8_000);
    sockets[2].fail();
    vi.advanceTimersByTime(17_000); // 30 s after the drop
    expect(run).toHaveBeenCalledTimes(2);
    sockets[3].open();
    vi.advanceTimersByTime(300_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('reconnects at once when asked while waiting, and not when live', () => {
    const { connection, sockets } = setup();
    connection.start();
    sockets[0].fail();
    connection.reconnectNow();
    expect(sockets).toHaveLength(2);
    sockets[1].open();
    connection.reconnectNow();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
  });

  it('stops for good: closes, cancels timers, ignores late callbacks; starts again when asked', () => {
    const run = vi.fn();
    const { connection, sockets } = setup({ poll: { everyMs: 30_000, run } });
    connection.start();
    sockets[0].fail();
    connection.stop();
    vi.advanceTimersByTime(300_000);
    expect(sockets).toHaveLength(1);
    expect(run).toHaveBeenCalledTimes(1);

    connection.start();
    expect(connection.status()).toBe('connecting');
    sockets[1].open();
    connection.stop();
    expect(sockets[1].closed).toBe(1000);
    sockets[1].fail();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
  });

  it('treats a throwing opener like a failed attempt', () => {
    let calls = 0;
    const { connection } = setup({
      openers: {
        socket: () => {
          calls += 1;
          throw new Error('blocked');
        },
        eventSource: () => {
          throw new Error('blocked');
        },
      },
    });
    connection.start();
    expect(connection.status()).toBe('offline');
    vi.advanceTimersByTime(1_000);
    expect(calls).toBe(2);
  });

  it('reopens with new query parameters now, or at the next attempt when waiting', () => {
    let level = 'error';
    const { connection, sockets } = setup({ query: () => ({ level }) });
    connection.start();
    sockets[0].open();
    level = 'warn';
    connection.reopen();
    expect(sockets[0].closed).toBe(1000);
    expect(sockets[1].params).toEqual({ level: 'warn' });
    expect(connection.status()).toBe('connecting');
    sockets[1].fail();
    level = 'info';
    connection.reopen();
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1_000);
    expect(sockets[2].params).toEqual({ level: 'info' });
  });

  it('sends only on an open WebSocket', () => {
    const { connection, sockets } = setup();
    connection.start();
    expect(connection.send('x')).toBe(false);
    sockets[0].open();
    expect(connection.send('{"level":"error"}')).toBe(true);
    expect(sockets[0].sent).toEqual(['{"level":"error"}']);
  });

  describe('over SSE', () => {
    it('passes the named events on with their id, and server errors as messages', () => {
      const { connection, sources, messages } = setup({ transport: 'sse' });
      connection.start();
      sources[0].open();
      sources[0].emit('log', '{"msg":"a","n":1.50}', '1-2');
      sources[0].emit('other', '{}');
      sources[0].serverError('{"type":"error","error":"bad filter"}');
      expect(connection.status()).toBe('live');
      expect(messages).toEqual([
        { type: 'log', id: '1-2', data: { msg: 'a', n: 1.5 }, text: '{"msg":"a","n":1.50}', transport: 'sse' },
        {
          type: 'error',
          id: null,
          data: { type: 'error', error: 'bad filter' },
          text: '{"type":"error","error":"bad filter"}',
          transport: 'sse',
        },
      ]);
      expect(sources[0].closed).toBe(false);
    });

    it("replaces the browser's own retry by ours, with the cursor, and ignores the old source", () => {
      const { connection, sources, messages } = setup({ transport: 'sse' });
      connection.start();
      sources[0].open();
      sources[0].emit('log', '{}', '9-50');
      sources[0].fail();
      expect(sources[0].closed).toBe(true);
      expect(connection.status()).toBe('offline');
      sources[0].emit('log', '{}', '9-60');
      expect(messages).toHaveLength(1);
      vi.advanceTimersByTime(1_000);
      expect(sources[1].params).toEqual({ backlog: '100', since: '9-50' });
      expect(connection.send('x')).toBe(false);
    });
  });

  describe('auto', () => {
    it('falls back to SSE when WebSockets fail twice before opening; an opened socket is no failure', () => {
      const { connection, sockets, sources, statuses } = setup({ transport: 'auto' });
      connection.start();
      sockets[0].open();
      sockets[0].fail();
      vi.advanceTimersByTime(1_000);
      sockets[1].fail();
      vi.advanceTimersByTime(2_000);
      expect(sources).toHaveLength(0);
      sockets[2].fail();
      vi.advanceTimersByTime(0);
      expect(sources).toHaveLength(1);
      expect(statuses).toContainEqual(['offline', 'sse']);
      sources[0].open();
      expect(statuses.at(-1)).toEqual(['live', 'sse']);
    });

    it('keeps backing off while the server is away, across transport switches', () => {
      const { connection, sockets, sources } = setup({ transport: 'auto' });
      connection.start();
      const opened = () => sockets.length + sources.length;
      const waits: number[] = [];
      for (let round = 0; round < 9; round++) {
        const before = opened();
        if (connection.transport() === 'ws') {
          sockets.at(-1)!.fail();
        } else {
          sources.at(-1)!.fail();
        }
        let waited = 0;
        while (opened() === before && waited < 120_000) {
          vi.advanceTimersByTime(100);
          waited += 100;
        }
        waits.push(waited);
      }
      // ws 1 s, ws→sse at once, sse 2 s, ws 4 s, ws→sse at once, sse 8 s (cap), ws 8 s, ws→sse, sse 8 s
      expect(waits).toEqual([1_000, 100, 2_000, 4_000, 100, 8_000, 8_000, 100, 8_000]);
    });
  });

  describe('stall watchdog', () => {
    it("reopens a stream that stops delivering; the wait follows the server's interval", () => {
      const { connection, sources, beforeReconnect } = setup({
        transport: 'sse',
        stallAfterMs: 15_000,
        backoff: { baseMs: 10_000, maxMs: 60_000, factor: 2, jitter: 0 },
      });
      connection.start();
      sources[0].open();
      // Until two messages show the interval: four times stallAfterMs.
      vi.advanceTimersByTime(59_999);
      expect(connection.status()).toBe('live');
      sources[0].emit('log', '{}');
      vi.advanceTimersByTime(1_000);
      sources[0].emit('log', '{}');
      // 1 s apart: stallAfterMs is the least.
      vi.advanceTimersByTime(14_000);
      sources[0].emit('log', '{}');
      // 14 s apart: three gaps (42 s) is longer.
      vi.advanceTimersByTime(41_999);
      expect(connection.status()).toBe('live');
      vi.advanceTimersByTime(1);
      expect(connection.status()).toBe('offline');
      expect(sources[0].closed).toBe(true);
      vi.advanceTimersByTime(10_000);
      expect(sources).toHaveLength(2);
      expect(beforeReconnect).toHaveBeenCalledTimes(1);
      sources[1].emit('log', '{}');
      expect(connection.status()).toBe('live');
    });

    it('is disarmed while offline and when stopped, and absent unless asked for', () => {
      const { connection, sources } = setup({ transport: 'sse', stallAfterMs: 15_000 });
      connection.start();
      sources[0].open();
      sources[0].fail();
      vi.advanceTimersByTime(500);
      expect(sources).toHaveLength(1);
      vi.advanceTimersByTime(500);
      sources[1].open();
      connection.stop();
      vi.advanceTimersByTime(600_000);
      expect(sources).toHaveLength(2);

      const quiet = setup({ transport: 'sse' });
      quiet.connection.start();
      quiet.sources[0].open();
      vi.advanceTimersByTime(3_600_000);
      expect(quiet.connection.status()).toBe('live');
    });
  });
});
