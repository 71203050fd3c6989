import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LogStream, rawEntry, type LogEventSource, type LogSocket, type LogStreamEvent, type StreamParams,
  type StreamStatus, type StreamTransport,
} from './log-stream';

class FakeSocket implements LogSocket {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: string[] = [];
  closed = false;
  constructor(readonly params: StreamParams) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  fail(code = 1006) {
    this.onerror?.({});
    this.onclose?.({ code });
  }
  frame(value: unknown) {
    this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) });
  }
}

class FakeEventSource implements LogEventSource {
  onopen: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  listeners = new Map<string, ((ev: unknown) => void)[]>();
  closed = false;
  constructor(readonly params: StreamParams) {}
  addEventListener(type: string, listener: (ev: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: string, lastEventId = '') {
    for (const listener of this.listeners.get(type) ?? []) {
      listener({ data, lastEventId });
    }
  }
}

const logFrame = (id: string, msg: string) => `{"type":"log","id":"${id}","entry":{"level":"info","msg":"${msg}"}}`;

function setup(options: { level?: string } = {}) {
  const sockets: FakeSocket[] = [];
  const sources: FakeEventSource[] = [];
  const events: LogStreamEvent[] = [];
  const statuses: [StreamStatus, StreamTransport][] = [];
  const beforeReconnect = vi.fn();
  const stream = new LogStream({
    openSocket: (params) => {
      const s = new FakeSocket(params);
      sockets.push(s);
      return s;
    },
    openEventSource: (params) => {
      const s = new FakeEventSource(params);
      sources.push(s);
      return s;
    },
    onEvent: (e) => events.push(e),
    onStatus: (status, transport) => statuses.push([status, transport]),
    beforeReconnect,
    filter: { level: options.level },
    backlog: 100,
    random: () => 0.5,
  });
  const lines = () => events.filter((e) => e.type === 'log').map((e) => (e.type === 'log' ? e.entry.msg : null));
  return { stream, sockets, sources, events, statuses, beforeReconnect, lines };
}

describe('rawEntry', () => {
  it('cuts the line out of a log frame as it was written', () => {
    const frame = '{"type":"log","id":"5-10","entry":{"b":1.0,"a":"x"}}';
    expect(rawEntry(frame, JSON.parse(frame).entry)).toBe('{"b":1.0,"a":"x"}');
  });
});

describe('LogStream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('connects over WebSocket with the filters and backlog, and tracks the cursor', () => {
    const { stream, sockets, statuses, lines } = setup({ level: 'error' });
    stream.start();
    expect(sockets).toHaveLength(1);
    expect(sockets[0].params).toEqual({ level: 'error', backlog: 100 });
    expect(stream.getStatus()).toBe('connecting');
    sockets[0].open();
    expect(statuses.at(-1)).toEqual(['connected', 'ws']);
    sockets[0].frame(logFrame('7-100', 'one'));
    sockets[0].frame(logFrame('7-200', 'two'));
    expect(lines()).toEqual(['one', 'two']);
    expect(stream.getCursor()).toBe('7-200');
  });

  it('resumes after the last line on reconnect, with backoff, refreshing the session first', () => {
    const { stream, sockets, beforeReconnect } = setup();
    stream.start();
    sockets[0].open();
    sockets[0].frame(logFrame('7-200', 'two'));
    sockets[0].fail(1001);
    expect(stream.getStatus()).toBe('disconnected');
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(beforeReconnect).toHaveBeenCalledTimes(1);
    expect(sockets).toHaveLength(2);
    expect(sockets[1].params).toEqual({ backlog: 100, since: '7-200' });
    // An opened-then-closed socket is not a WebSocket failure: still ws.
    expect(stream.getTransport()).toBe('ws');
  });

  it('backs off exponentially while the server is away', () => {
    const { stream, sockets, sources } = setup();
    stream.start();
    sockets[0].open();
    sockets[0].fail();
    vi.advanceTimersByTime(1_000); // attempt 0: 1 s
    expect(sockets).toHaveLength(2);
    sockets[1].fail(); // first failure before open: retry WS after 2 s
    vi.advanceTimersByTime(1_999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2].fail(); // second in a row: SSE at once
    vi.advanceTimersByTime(0);
    expect(sources).toHaveLength(1);
    expect(stream.getTransport()).toBe('sse');
  });

  it('keeps backing off while the server is away, across transport switches', () => {
    const { stream, sockets, sources } = setup();
    stream.start();
    const opened = () => sockets.length + sources.length;
    const waits: number[] = [];
    for (let round = 0; round < 9; round++) {
      const before = opened();
      if (stream.getTransport() === 'ws') {
        sockets.at(-1)!.fail();
      } else {
        sources.at(-1)!.onerror?.({});
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

  it('falls back to SSE when WebSockets fail twice before opening, and resumes there', () => {
    const { stream, sockets, sources, statuses, lines } = setup();
    stream.start();
    sockets[0].fail();
    vi.advanceTimersByTime(1_000);
    sockets[1].fail();
    vi.advanceTimersByTime(0);
    expect(sources).toHaveLength(1);
    expect(statuses).toContainEqual(['disconnected', 'sse']);
    sources[0].onopen?.({});
    expect(statuses.at(-1)).toEqual(['connected', 'sse']);
    sources[0].emit('log', '{"level":"warn","msg":"disk low"}', '9-50');
    sources[0].emit('skipped', '{"type":"skipped","count":3}');
    expect(lines()).toEqual(['disk low']);
    expect(stream.getCursor()).toBe('9-50');
    // The browser's own retry is replaced by ours, with the cursor.
    sources[0].onerror?.({});
    expect(sources[0].closed).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(sources).toHaveLength(2);
    expect(sources[1].params).toEqual({ backlog: 100, since: '9-50' });
  });

  it('keeps the raw line and markers from SSE', () => {
    const { stream, sockets, sources, events } = setup();
    stream.start();
    sockets[0].fail();
    vi.advanceTimersByTime(1_000);
    sockets[1].fail();
    vi.advanceTimersByTime(0);
    sources[0].onopen?.({});
    sources[0].emit('log', '{"msg":"a","n":1.50}', '1-2');
    sources[0].emit('rotated', '{"type":"rotated","file":"vigil.log","reason":"renamed"}');
    sources[0].emit('reset', '{"type":"reset"}');
    expect(events).toEqual([
      { type: 'log', cursor: '1-2', entry: { msg: 'a', n: 1.5 }, raw: '{"msg":"a","n":1.50}' },
      { type: 'rotated', file: 'vigil.log', reason: 'renamed' },
      { type: 'reset' },
    ]);
    expect(stream.getCursor()).toBeNull();
  });

  it('changes filters on the same WebSocket, dropping old-filter lines until the acknowledgement', () => {
    const { stream, sockets, events, lines } = setup();
    stream.start();
    sockets[0].open();
    sockets[0].frame(logFrame('1-10', 'before'));
    stream.setFilter({ level: 'error', search: 'timeout' });
    expect(sockets).toHaveLength(1);
    expect(sockets[0].closed).toBe(false);
    expect(JSON.parse(sockets[0].sent[0])).toEqual({ level: 'error', search: 'timeout' });
    expect(events.at(-1)).toEqual({ type: 'clear' });
    sockets[0].frame(logFrame('1-20', 'in flight, old filter'));
    sockets[0].frame({ type: 'skipped', count: 2 });
    sockets[0].frame({ type: 'filters', level: 'error', search: 'timeout' });
    sockets[0].frame(logFrame('1-5', 'backfill'));
    sockets[0].frame(logFrame('1-30', 'live'));
    expect(lines()).toEqual(['before', 'backfill', 'live']);
    expect(events.filter((e) => e.type === 'skipped')).toEqual([]);
    expect(stream.getCursor()).toBe('1-30');
    // Clearing the filters sends empty values (the server replaces the whole filter).
    stream.setFilter({});
    expect(JSON.parse(sockets[0].sent[1])).toEqual({ level: '', search: '' });
    expect(sockets).toHaveLength(1);
  });

  it('reconnects fresh with the new filters when a change arrives before the socket opened', () => {
    const { stream, sockets } = setup();
    stream.start();
    stream.setFilter({ level: 'warn' });
    expect(sockets[0].closed).toBe(true);
    expect(sockets).toHaveLength(2);
    expect(sockets[1].params).toEqual({ level: 'warn', backlog: 100 });
    // Abandoning a connecting socket is not a failure.
    sockets[1].open();
    expect(stream.getTransport()).toBe('ws');
  });

  it('reconnects over SSE when filters change there, without the old cursor', () => {
    const { stream, sockets, sources } = setup();
    stream.start();
    sockets[0].fail();
    vi.advanceTimersByTime(1_000);
    sockets[1].fail();
    vi.advanceTimersByTime(0);
    sources[0].onopen?.({});
    sources[0].emit('log', '{"msg":"a"}', '1-2');
    stream.setFilter({ search: 'db' });
    expect(sources[0].closed).toBe(true);
    expect(sources).toHaveLength(2);
    expect(sources[1].params).toEqual({ search: 'db', backlog: 100 });
  });

  it('uses the new filters on the next reconnect when they change while waiting', () => {
    const { stream, sockets } = setup();
    stream.start();
    sockets[0].open();
    sockets[0].frame(logFrame('1-10', 'x'));
    sockets[0].fail();
    stream.setFilter({ level: 'error' });
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(sockets[1].params).toEqual({ level: 'error', backlog: 100 });
  });

  it('forgets unacknowledged filter changes when the socket drops', () => {
    const { stream, sockets, lines } = setup();
    stream.start();
    sockets[0].open();
    stream.setFilter({ level: 'error' });
    sockets[0].fail();
    vi.advanceTimersByTime(1_000);
    sockets[1].open();
    sockets[1].frame(logFrame('1-10', 'fresh'));
    expect(lines()).toEqual(['fresh']);
  });

  it('stops for good', () => {
    const { stream, sockets } = setup();
    stream.start();
    sockets[0].open();
    stream.stop();
    expect(sockets[0].closed).toBe(true);
    expect(stream.getStatus()).toBe('disconnected');
    sockets[0].fail();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('waits for beforeReconnect when it returns a promise', async () => {
    const { stream, sockets, beforeReconnect } = setup();
    let release: () => void = () => undefined;
    beforeReconnect.mockReturnValue(new Promise<void>((resolve) => (release = resolve)));
    stream.start();
    sockets[0].open();
    sockets[0].fail();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stream.getStatus()).toBe('connecting');
    expect(sockets).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets).toHaveLength(2);
  });
});
