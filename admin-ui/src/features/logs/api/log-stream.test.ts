import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamStatus, Transport } from '@/lib/stream/status';
import { fakeOpeners } from '@/lib/stream/test-fakes';
import { createLogStream, type LogStreamEvent } from './log-stream';

const logFrame = (id: string, msg: string) => ({ type: 'log', id, entry: { level: 'info', msg } });

const EMPTY = { level: '', search: '', regex: '', exclude: '', from: '', to: '' };

function setup(options: { level?: string; source?: string; instance?: string } = {}) {
  const { openers, sockets, sources } = fakeOpeners();
  const events: LogStreamEvent[] = [];
  const statuses: [StreamStatus, Transport][] = [];
  const beforeReconnect = vi.fn();
  const stream = createLogStream({
    openers,
    onEvent: (e) => events.push(e),
    onStatus: (status, transport) => statuses.push([status, transport]),
    beforeReconnect,
    filter: { level: options.level },
    source: options.source,
    instance: options.instance,
    backlog: 100,
    random: () => 0.5,
  });
  const lines = () => events.filter((e) => e.type === 'log').map((e) => (e.type === 'log' ? e.entry.msg : null));
  /** Two WebSocket attempts that never open: the stream goes over to SSE. */
  const toSse = () => {
    sockets.at(-1)!.fail();
    vi.advanceTimersByTime(1_000);
    sockets.at(-1)!.fail();
    vi.advanceTimersByTime(0);
    sources.at(-1)!.open();
  };
  return { stream, sockets, sources, events, statuses, beforeReconnect, lines, toSse };
}

describe('createLogStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects over WebSocket with the filters and backlog, and tracks the cursor', () => {
    const { stream, sockets, statuses, lines, events } = setup({ level: 'error' });
    stream.start();
    expect(sockets[0].url.startsWith('/api/admin/logs/stream?')).toBe(true);
    expect(sockets[0].params).toEqual({ level: 'error', backlog: '100' });
    sockets[0].open();
    expect(statuses.at(-1)).toEqual(['live', 'ws']);
    sockets[0].frame(logFrame('7-100', 'one'));
    sockets[0].frame('{"type":"log","id":"7-200","entry":{"msg":"two","n":1.50}}');
    expect(lines()).toEqual(['one', 'two']);
    // The line is parsed, never cut out of the frame: the copy is the entry as JSON.
    expect(events.at(-1)).toEqual({
      type: 'log',
      cursor: '7-200',
      entry: { msg: 'two', n: 1.5 },
      raw: '{"msg":"two","n":1.5}',
    });
    expect(stream.cursor()).toBe('7-200');
  });

  it('resumes after the last line on reconnect, with the filters, refreshing the session first', () => {
    const { stream, sockets, beforeReconnect } = setup({ level: 'warn' });
    stream.start();
    sockets[0].open();
    sockets[0].frame(logFrame('7-200', 'two'));
    sockets[0].fail(1001);
    vi.advanceTimersByTime(1_000);
    expect(beforeReconnect).toHaveBeenCalledTimes(1);
    expect(sockets[1].params).toEqual({ level: 'warn', backlog: '100', since: '7-200' });
  });

  it('over SSE: keeps the line as written, resumes there, and passes markers and server errors on', () => {
    const { stream, sources, events, lines, toSse } = setup();
    stream.start();
    toSse();
    sources[0].emit('log', '{"msg":"a","n":1.50}', '1-2');
    sources[0].emit('log', 'not json', '1-3');
    sources[0].emit('skipped', '{"type":"skipped","count":3}');
    sources[0].emit('rotated', '{"type":"rotated","file":"vigil.log","reason":"renamed"}');
    sources[0].serverError('{"type":"error","error":"bad filter"}');
    expect(events).toEqual([
      { type: 'log', cursor: '1-2', entry: { msg: 'a', n: 1.5 }, raw: '{"msg":"a","n":1.50}' },
      { type: 'log', cursor: '1-3', entry: { level: 'unknown', msg: 'not json' }, raw: 'not json' },
      { type: 'skipped', count: 3 },
      { type: 'rotated', file: 'vigil.log', reason: 'renamed' },
      { type: 'error', message: 'bad filter' },
    ]);
    expect(lines()).toEqual(['a', 'not json']);
    sources[0].fail();
    vi.advanceTimersByTime(1_000);
    expect(sources[1].params).toEqual({ backlog: '100', since: '1-3' });
  });

  it('starts over without a cursor on reset', () => {
    const { stream, sockets, events } = setup();
    stream.start();
    sockets[0].open();
    sockets[0].frame(logFrame('1-2', 'a'));
    sockets[0].frame({ type: 'reset' });
    expect(events.at(-1)).toEqual({ type: 'reset' });
    expect(stream.cursor()).toBeNull();
  });

  it('changes filters on the same WebSocket, dropping old-filter lines until the acknowledgement', () => {
    const { stream, sockets, events, lines } = setup();
    stream.start();
    sockets[0].open();
    sockets[0].frame(logFrame('1-10', 'before'));
    stream.setFilter({ level: 'error', search: 'timeout' });
    expect(sockets).toHaveLength(1);
    expect(sockets[0].closed).toBeNull();
    expect(JSON.parse(sockets[0].sent[0])).toEqual({ ...EMPTY, level: 'error', search: 'timeout' });
    expect(events.at(-1)).toEqual({ type: 'clear' });
    sockets[0].frame(logFrame('1-20', 'in flight, old filter'));
    sockets[0].frame({ type: 'skipped', count: 2 });
    sockets[0].frame({ type: 'filters', level: 'error', search: 'timeout' });
    sockets[0].frame(logFrame('1-5', 'backfill'));
    sockets[0].frame(logFrame('1-30', 'live'));
    expect(lines()).toEqual(['before', 'backfill', 'live']);
    expect(events.filter((e) => e.type === 'skipped')).toEqual([]);
    expect(stream.cursor()).toBe('1-30');
    // Clearing the filters sends empty values (the server replaces the whole filter).
    stream.setFilter({});
    expect(JSON.parse(sockets[0].sent[1])).toEqual(EMPTY);
    expect(sockets).toHaveLength(1);
  });

  it('reconnects fresh with the new filters when a change arrives before the socket opened', () => {
    const { stream, sockets } = setup();
    stream.start();
    stream.setFilter({ level: 'warn' });
    expect(sockets[0].closed).toBe(1000);
    expect(sockets).toHaveLength(2);
    expect(sockets[1].params).toEqual({ level: 'warn', backlog: '100' });
    // Abandoning a connecting socket is not a WebSocket failure.
    sockets[1].fail();
    vi.advanceTimersByTime(1_000);
    expect(stream.connection().transport()).toBe('ws');
  });

  it('reconnects over SSE when filters change there, without the old cursor', () => {
    const { stream, sources, toSse } = setup();
    stream.start();
    toSse();
    sources[0].emit('log', '{"msg":"a"}', '1-2');
    stream.setFilter({ search: 'db' });
    expect(sources[0].closed).toBe(true);
    expect(sources[1].params).toEqual({ search: 'db', backlog: '100' });
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
    expect(sockets[1].params).toEqual({ level: 'error', backlog: '100' });
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

  it('tails the source asked for, with every filter in the query', () => {
    const { stream, sockets } = setup({ source: 'nginx' });
    stream.start();
    expect(sockets[0].params).toEqual({ source: 'nginx', backlog: '100' });
    sockets[0].open();
    stream.setFilter({ regex: 'GET /missing-\\d+', exclude: 'health', from: '2026-11-22T10:00:00.000Z' });
    expect(JSON.parse(sockets[0].sent[0])).toEqual({
      ...EMPTY,
      regex: 'GET /missing-\\d+',
      exclude: 'health',
      from: '2026-11-22T10:00:00.000Z',
    });
    sockets[0].fail();
    vi.advanceTimersByTime(1_000);
    expect(sockets[1].params).toEqual({
      source: 'nginx',
      regex: 'GET /missing-\\d+',
      exclude: 'health',
      from: '2026-11-22T10:00:00.000Z',
      backlog: '100',
    });
  });

  it("passes the source's file status on", () => {
    const { stream, sockets, events } = setup({ source: 'nginx' });
    stream.start();
    sockets[0].open();
    sockets[0].frame({ type: 'source', status: 'waiting', message: 'access.log does not exist yet' });
    sockets[0].frame({ type: 'source', status: 'bogus' });
    sockets[0].frame({ type: 'source', status: 'live' });
    expect(events).toEqual([
      { type: 'source', status: 'waiting', message: 'access.log does not exist yet' },
      { type: 'source', status: 'live', message: null },
    ]);
  });

  it('goes back to the accepted filter, fresh, when the server refuses a change', () => {
    const { stream, sockets, events, lines } = setup({ level: 'warn' });
    stream.start();
    sockets[0].open();
    sockets[0].frame(logFrame('1-10', 'before'));
    stream.setFilter({ level: 'warn', regex: '(' });
    sockets[0].frame({ type: 'error', error: 'regex: Unclosed group' });
    expect(events.slice(-3)).toEqual([
      { type: 'clear' },
      { type: 'error', message: 'regex: Unclosed group', filter: true },
      { type: 'clear' },
    ]);
    expect(stream.filter()).toEqual({ level: 'warn' });
    // A new connection with the filter the server has, from the backlog (no cursor).
    expect(sockets[0].closed).toBe(1000);
    expect(sockets[1].params).toEqual({ level: 'warn', backlog: '100' });
    sockets[1].open();
    sockets[1].frame(logFrame('1-10', 'backlog'));
    expect(lines()).toEqual(['before', 'backlog']);
  });

  it('reports a server error outside a filter change as a stream error', () => {
    const { stream, sockets, events } = setup();
    stream.start();
    sockets[0].open();
    sockets[0].frame({ type: 'error', error: 'too many subscribers' });
    expect(events).toEqual([{ type: 'error', message: 'too many subscribers' }]);
    expect(sockets).toHaveLength(1);
  });

  it("asks for another instance's log with instance=, and tells when that instance is gone", () => {
    const { stream, sockets, events } = setup({ instance: 'b-id' });
    stream.start();
    expect(sockets[0].params).toEqual({ instance: 'b-id', backlog: '100' });
    sockets[0].open();
    sockets[0].frame('{"type":"instance","instance":"b-id","status":"gone","message":"stopped"}');
    expect(events.at(-1)).toEqual({ type: 'instance', instance: 'b-id', status: 'gone', message: 'stopped' });
  });
});
