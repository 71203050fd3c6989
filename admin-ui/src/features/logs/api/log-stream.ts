// The live log tail of one source over the stream layer (WebSocket, SSE when WebSockets do not get
// through). It resumes after the last line it saw, so a reconnect neither loses nor repeats lines. Over
// WebSocket a filter change is a message on the open socket (the server acknowledges it with `filters`,
// then backfills, or refuses it with `error` and keeps the old filter); otherwise it needs a new connection.
import { refreshSession } from '@/lib/api-client';
import type { BackoffOptions, Timers } from '@/lib/stream/backoff';
import { createStreamConnection, type StreamConnection } from '@/lib/stream/connection';
import type { StreamStatus, Transport } from '@/lib/stream/status';
import type { Openers, StreamMessage } from '@/lib/stream/transport';
import { filterMessage } from '../lib/view-state';
import type { FilterParams, LogEntry, SourceStatus } from '../types';

export type StreamFilter = FilterParams;

export type LogStreamEvent =
  | { type: 'log'; cursor: string | null; entry: LogEntry; raw: string }
  | { type: 'skipped'; count: number }
  | { type: 'rotated'; file: string | null; reason: string | null }
  /** The resume cursor could not be honoured: the view starts over (the server backfills). */
  | { type: 'reset' }
  /** Filters changed: the view starts over with the backfill that follows. */
  | { type: 'clear' }
  /** The source's file changed status (appeared, disappeared, became unreadable). */
  | { type: 'source'; status: SourceStatus; message: string | null }
  /** `filter`: the server refused a filter change (the stream goes on with the previous filter). */
  | { type: 'error'; message: string; filter?: boolean }
  /**
   * The watched instance's log ended (the server closes the stream after it): `gone` (that instance
   * stopped), `ended` or `interrupted` (a reconnect resumes from the cursor).
   */
  | { type: 'instance'; instance: string | null; status: string; message: string | null };

export interface LogStreamOptions {
  /** The log source to tail; the server's default (its own log) when unset. */
  source?: string;
  /** Another instance whose log to tail (relayed by the server it connects to); this one when unset. */
  instance?: string;
  onEvent: (event: LogStreamEvent) => void;
  onStatus?: (status: StreamStatus, transport: Transport) => void;
  filter?: StreamFilter;
  /** Lines asked for on a fresh connect (and after a `reset`). */
  backlog?: number;
  beforeReconnect?: () => unknown;
  backoff?: BackoffOptions;
  openers?: Openers;
  random?: () => number;
  timers?: Timers;
}

export interface LogStream {
  start(): void;
  stop(): void;
  reconnectNow(): void;
  /** New filters; the view starts over (`clear`). */
  setFilter(filter: StreamFilter): void;
  filter(): StreamFilter;
  /** The cursor a reconnect resumes after (the last line received), null for a fresh start. */
  cursor(): string | null;
  connection(): StreamConnection;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const STATUSES: readonly string[] = ['live', 'waiting', 'unreadable'];

/** The log line of a `log` message: WebSocket frames wrap it as `entry`, SSE data is the line itself. */
function lineOf(message: StreamMessage): { entry: LogEntry; raw: string } {
  if (message.transport === 'ws') {
    const entry = isObject(message.data) && isObject(message.data.entry) ? (message.data.entry as LogEntry) : {};
    return { entry, raw: JSON.stringify(entry) };
  }
  return {
    entry: isObject(message.data) ? (message.data as LogEntry) : { level: 'unknown', msg: message.text },
    raw: message.text,
  };
}

export function createLogStream(options: LogStreamOptions): LogStream {
  let filter: StreamFilter = { ...options.filter };
  /** The filter the server last accepted: what it goes on with when it refuses a change. */
  let accepted: StreamFilter = filter;
  let cursor: string | null = null;
  /** Filter messages sent and not yet acknowledged: lines arriving meanwhile match the old filters. */
  let pendingAcks = 0;
  const emit = options.onEvent;

  const onMessage = (message: StreamMessage) => {
    const payload = isObject(message.data) ? message.data : {};
    switch (message.type) {
      case 'log':
        if (pendingAcks === 0) {
          cursor = message.id ?? cursor;
          emit({ type: 'log', cursor: message.id, ...lineOf(message) });
        }
        break;
      case 'filters':
        pendingAcks = Math.max(0, pendingAcks - 1);
        if (pendingAcks === 0) {
          accepted = filter;
        }
        break;
      case 'source': {
        const status = str(payload.status);
        if (status && STATUSES.includes(status)) {
          emit({ type: 'source', status: status as SourceStatus, message: str(payload.message) });
        }
        break;
      }
      case 'skipped':
        if (pendingAcks === 0) {
          emit({ type: 'skipped', count: typeof payload.count === 'number' ? payload.count : 0 });
        }
        break;
      case 'rotated':
        emit({ type: 'rotated', file: str(payload.file), reason: str(payload.reason) });
        break;
      case 'instance':
        emit({
          type: 'instance',
          instance: str(payload.instance),
          status: str(payload.status) ?? 'ended',
          message: str(payload.message),
        });
        break;
      case 'reset':
        cursor = null;
        emit({ type: 'reset' });
        break;
      case 'error': {
        const text = str(payload.error) ?? 'stream error';
        if (pendingAcks > 0) {
          // The answer to a filter change: refused, the server kept the filter it had. Start over
          // with that one (the view was cleared for the new one).
          pendingAcks = 0;
          filter = accepted;
          cursor = null;
          emit({ type: 'error', message: text, filter: true });
          emit({ type: 'clear' });
          connection.reopen();
        } else {
          emit({ type: 'error', message: text });
        }
        break;
      }
    }
  };

  const connection = createStreamConnection({
    path: '/api/admin/logs/stream',
    transport: 'auto',
    events: ['log', 'skipped', 'rotated', 'reset', 'filters', 'source', 'instance'],
    query: () => ({ source: options.source, instance: options.instance, ...filter, backlog: options.backlog ?? 200 }),
    cursor: () => cursor,
    onConnecting: () => {
      pendingAcks = 0;
      // A connection opens with the filter in its query: the server has it (or refuses the stream).
      accepted = filter;
    },
    onMessage,
    onStatus: options.onStatus,
    // The access cookie lives 5 minutes: a dropped stream may need a fresh one before it can reconnect.
    beforeReconnect: options.beforeReconnect ?? (() => refreshSession().catch(() => undefined)),
    backoff: options.backoff,
    openers: options.openers,
    random: options.random,
    timers: options.timers,
  });

  return {
    start: () => connection.start(),
    stop: () => connection.stop(),
    reconnectNow: () => connection.reconnectNow(),
    setFilter(next) {
      filter = { ...next };
      cursor = null;
      emit({ type: 'clear' });
      // The server replaces the whole filter: empty values clear it.
      if (connection.send(filterMessage(next))) {
        pendingAcks += 1;
      } else {
        connection.reopen();
      }
    },
    filter: () => ({ ...filter }),
    cursor: () => cursor,
    connection: () => connection,
  };
}
