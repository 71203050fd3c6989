import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, createLiveConnection, DEFAULT_BACKOFF, type LiveState, type SocketLike } from './live-connection';

class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed: number | null = null;
  close(code?: number) {
    this.closed = code ?? 1000;
  }
  open() {
    this.onopen?.({});
  }
  fail(code = 1006) {
    this.onerror?.({});
    this.onclose?.({ code });
  }
  send(data: string) {
    this.onmessage?.({ data });
  }
}

function setup(random = () => 0.5) {
  const sockets: FakeSocket[] = [];
  const states: LiveState[] = [];
  const messages: string[] = [];
  const poll = vi.fn();
  const connection = createLiveConnection({
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    onMessage: (m) => messages.push(m),
    poll,
    onStateChange: (s) => states.push(s),
    random,
  });
  return { connection, sockets, states, messages, poll };
}

describe('backoffDelay', () => {
  it('starts around 5 s and doubles up to the cap', () => {
    const mid = () => 0.5;
    expect(backoffDelay(0, DEFAULT_BACKOFF, mid)).toBe(5_000);
    expect(backoffDelay(1, DEFAULT_BACKOFF, mid)).toBe(8_000);
    expect(backoffDelay(2, DEFAULT_BACKOFF, mid)).toBe(8_000);
    expect(backoffDelay(10, DEFAULT_BACKOFF, mid)).toBe(8_000);
  });

  it('spreads delays by the jitter fraction', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0)).toBe(4_000);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0.999999)).toBeCloseTo(6_000, -1);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0)).toBe(6_400);
  });
});

describe('createLiveConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('goes live on open and passes messages through without polling', () => {
    const { connection, sockets, states, messages, poll } = setup();
    connection.start();
    expect(states).toEqual(['connecting']);
    sockets[0].open();
    sockets[0].send('{"type":"unread_count","unread_count":3}');
    expect(connection.state()).toBe('live');
    expect(messages).toEqual(['{"type":"unread_count","unread_count":3}']);
    vi.advanceTimersByTime(120_000);
    expect(poll).not.toHaveBeenCalled();
    expect(sockets).toHaveLength(1);
  });

  it('falls back to polling every 30 s while the socket is down, and stops polling once live again', () => {
    const { connection, sockets, poll } = setup();
    connection.start();
    sockets[0].fail();
    expect(connection.state()).toBe('polling');
    expect(poll).toHaveBeenCalledTimes(1); // at once
    vi.advanceTimersByTime(4_999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1); // first retry after ~5 s
    expect(sockets).toHaveLength(2);
    sockets[1].fail();
    vi.advanceTimersByTime(8_000); // second retry after ~8 s (the cap)
    expect(sockets).toHaveLength(3);
    vi.advanceTimersByTime(17_000); // 30 s after the fallback started
    expect(poll).toHaveBeenCalledTimes(2);
    sockets[2].open();
    expect(connection.state()).toBe('live');
    vi.advanceTimersByTime(300_000);
    expect(poll).toHaveBeenCalledTimes(2);
  });

  it('resets the backoff after a successful connection', () => {
    const { connection, sockets } = setup();
    connection.start();
    sockets[0].fail();
    vi.advanceTimersByTime(5_000);
    sockets[1].fail();
    vi.advanceTimersByTime(10_000);
    sockets[2].open();
    sockets[2].fail(1013);
    vi.advanceTimersByTime(5_000);
    expect(sockets).toHaveLength(4);
  });

  it('applies jitter to the reconnect delay', () => {
    const { connection, sockets } = setup(() => 0);
    connection.start();
    sockets[0].fail();
    vi.advanceTimersByTime(4_000);
    expect(sockets).toHaveLength(2);
  });

  it('reconnects at once when asked while polling, e.g. when the tab becomes visible', () => {
    const { connection, sockets } = setup();
    connection.start();
    sockets[0].fail();
    connection.reconnectNow();
    expect(sockets).toHaveLength(2);
    sockets[1].open();
    connection.reconnectNow(); // no-op when live
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
  });

  it('stop closes the socket and cancels timers', () => {
    const { connection, sockets, poll } = setup();
    connection.start();
    sockets[0].fail();
    connection.stop();
    vi.advanceTimersByTime(300_000);
    expect(sockets).toHaveLength(1);
    expect(poll).toHaveBeenCalledTimes(1);
    expect(connection.state()).toBe('stopped');

    connection.start();
    sockets[1].open();
    connection.stop();
    expect(sockets[1].closed).toBe(1000);
  });

  it('treats a throwing socket factory like a failed connection', () => {
    const poll = vi.fn();
    let calls = 0;
    const connection = createLiveConnection({
      open: () => {
        calls += 1;
        throw new Error('blocked');
      },
      onMessage: () => undefined,
      poll,
      random: () => 0.5,
    });
    connection.start();
    expect(connection.state()).toBe('polling');
    expect(poll).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(calls).toBe(2);
  });
});
