// Framework-free live log stream: WebSocket first, Server-Sent Events when WebSockets do not get
// through (two attempts in a row that never opened); reconnects with exponential backoff plus jitter
// and resumes after the last line it saw (`since`), so a reconnect neither loses nor repeats lines.
// Over WebSocket a filter change is a message on the open socket (the server acknowledges it with
// `filters`, then backfills); over SSE it needs a new connection.

import { backoffDelay, globalTimers, type BackoffOptions, type SocketLike, type Timers } from '@/lib/live-connection';
import type { LogEntry } from '../types';

export type StreamStatus = 'connecting' | 'connected' | 'disconnected';
export type StreamTransport = 'ws' | 'sse';

export interface LogSocket extends SocketLike {
  send(data: string): void;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The part of the browser EventSource this module uses. */
export interface LogEventSource {
  onopen: ((ev: any) => void) | null;
  onerror: ((ev: any) => void) | null;
  addEventListener(type: string, listener: (ev: any) => void): void;
  close(): void;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Query parameters of a stream connection. */
export interface StreamParams {
  level?: string;
  search?: string;
  backlog: number;
  since?: string;
}

export interface StreamFilter {
  level?: string;
  search?: string;
}

export type LogStreamEvent =
  | { type: 'log'; cursor: string | null; entry: LogEntry; raw: string }
  | { type: 'skipped'; count: number }
  | { type: 'rotated'; file: string | null; reason: string | null }
  /** The resume cursor could not be honoured: the view starts over (the server backfills). */
  | { type: 'reset' }
  /** Filters changed: the view starts over with the backfill that follows. */
  | { type: 'clear' }
  | { type: 'error'; message: string };

// Capped like the notification stream's (see DEFAULT_BACKOFF): back within seconds of the server.
const LOG_STREAM_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 8_000, factor: 2, jitter: 0.2 };

/** WebSocket attempts that never opened, in a row, before falling back to SSE. */
const WS_FAILURES_BEFORE_SSE = 2;

export interface LogStreamOptions {
  openSocket: (params: StreamParams) => LogSocket;
  openEventSource: (params: StreamParams) => LogEventSource;
  onEvent: (event: LogStreamEvent) => void;
  onStatus?: (status: StreamStatus, transport: StreamTransport) => void;
  /** Runs before every reconnect (e.g. a session refresh: the access cookie may have expired). */
  beforeReconnect?: () => unknown;
  filter?: StreamFilter;
  /** Lines asked for on a fresh connect (and after a `reset`). */
  backlog?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  timers?: Timers;
}

const LOG_FRAME_PREFIX = '{"type":"log","id":';

/** The entry's own JSON text inside a WebSocket log frame (`{"type":"log","id":"…","entry":<line>}`). */
export function rawEntry(frame: string, entry: unknown): string {
  if (frame.startsWith(LOG_FRAME_PREFIX)) {
    const at = frame.indexOf(',"entry":');
    if (at > 0 && frame.endsWith('}')) {
      return frame.slice(at + ',"entry":'.length, -1);
    }
  }
  return JSON.stringify(entry);
}

function parseEntry(data: string): LogEntry {
  try {
    const value = JSON.parse(data);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return value as LogEntry;
    }
  } catch {
    // not JSON: shown as an unknown line below
  }
  return { level: 'unknown', msg: data };
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export class LogStream {
  private readonly options: LogStreamOptions;
  private readonly timers: Timers;
  private readonly backlog: number;
  private filter: StreamFilter;
  private cursor: string | null = null;
  private transport: StreamTransport = 'ws';
  private status: StreamStatus = 'disconnected';
  private running = false;
  private socket: LogSocket | null = null;
  private socketOpen = false;
  private source: LogEventSource | null = null;
  private sourceOpen = false;
  private wsFailures = 0;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  /** Filter messages sent and not yet acknowledged: lines arriving meanwhile match the old filters. */
  private pendingAcks = 0;
  /** Bumped on every connect: late callbacks of an abandoned connection are ignored. */
  private generation = 0;

  constructor(options: LogStreamOptions) {
    this.options = options;
    this.timers = options.timers ?? globalTimers;
    this.backlog = options.backlog ?? 200;
    this.filter = { ...options.filter };
  }

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.attempt = 0;
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.clearReconnect();
    this.closeCurrent();
    this.setStatus('disconnected');
  }

  /** Reconnects at once when waiting to reconnect (the tab became visible, the network came back). */
  reconnectNow(): void {
    if (this.running && this.reconnectTimer !== null) {
      this.clearReconnect();
      this.connect();
    }
  }

  getStatus(): StreamStatus {
    return this.status;
  }

  getTransport(): StreamTransport {
    return this.transport;
  }

  /** The cursor a reconnect resumes after (the last line received), null for a fresh start. */
  getCursor(): string | null {
    return this.cursor;
  }

  getFilter(): StreamFilter {
    return { ...this.filter };
  }

  /**
   * New filters. The view starts over (`clear`): over an open WebSocket the change is sent on it and
   * the server backfills; otherwise the stream reconnects with them (or will, if it is waiting).
   */
  setFilter(filter: StreamFilter): void {
    this.filter = { ...filter };
    this.cursor = null;
    this.options.onEvent({ type: 'clear' });
    if (!this.running) {
      return;
    }
    if (this.socket && this.socketOpen) {
      this.pendingAcks += 1;
      this.socket.send(JSON.stringify({ level: filter.level ?? '', search: filter.search ?? '' }));
      return;
    }
    if (this.reconnectTimer !== null) {
      return;
    }
    this.closeCurrent();
    this.connect();
  }

  private params(): StreamParams {
    const params: StreamParams = { backlog: this.backlog };
    if (this.filter.level) {
      params.level = this.filter.level;
    }
    if (this.filter.search) {
      params.search = this.filter.search;
    }
    if (this.cursor) {
      params.since = this.cursor;
    }
    return params;
  }

  private setStatus(status: StreamStatus): void {
    if (status !== this.status) {
      this.status = status;
      this.options.onStatus?.(status, this.transport);
    }
  }

  private setTransport(transport: StreamTransport): void {
    if (transport !== this.transport) {
      this.transport = transport;
      this.options.onStatus?.(this.status, transport);
    }
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== null) {
      this.timers.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  private closeCurrent(): void {
    this.generation += 1;
    this.pendingAcks = 0;
    if (this.socket) {
      const socket = this.socket;
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      this.socket = null;
      this.socketOpen = false;
      try {
        socket.close(1000, 'client closed');
      } catch {
        // already closing
      }
    }
    if (this.source) {
      this.source.onopen = this.source.onerror = null;
      this.source.close();
      this.source = null;
      this.sourceOpen = false;
    }
  }

  private connect(): void {
    if (!this.running) {
      return;
    }
    this.closeCurrent();
    this.setStatus('connecting');
    const generation = this.generation;
    const current = () => this.running && generation === this.generation;
    const params = this.params();
    if (this.transport === 'ws') {
      let socket: LogSocket;
      try {
        socket = this.options.openSocket(params);
      } catch {
        this.down(false);
        return;
      }
      this.socket = socket;
      socket.onopen = () => {
        if (current()) {
          this.socketOpen = true;
          this.wsFailures = 0;
          this.attempt = 0;
          this.setStatus('connected');
        }
      };
      socket.onmessage = (ev: { data: unknown }) => {
        if (current() && typeof ev.data === 'string') {
          this.onFrame(ev.data);
        }
      };
      // A failed handshake fires error then close: act once, on close.
      socket.onerror = () => undefined;
      socket.onclose = () => {
        if (current()) {
          this.down(this.socketOpen);
        }
      };
    } else {
      let source: LogEventSource;
      try {
        source = this.options.openEventSource(params);
      } catch {
        this.down(false);
        return;
      }
      this.source = source;
      source.onopen = () => {
        if (current()) {
          this.sourceOpen = true;
          this.attempt = 0;
          this.setStatus('connected');
        }
      };
      // The browser would reconnect by itself, but not after an HTTP error and without our backoff
      // and session refresh: close it and reconnect here (with the cursor of the last line).
      source.onerror = (ev: { data?: unknown }) => {
        if (!current()) {
          return;
        }
        if (typeof ev?.data === 'string') {
          this.onControl('error', ev.data);
          return;
        }
        this.down(this.sourceOpen);
      };
      source.addEventListener('log', (ev: { data: string; lastEventId?: string }) => {
        if (current()) {
          const cursor = ev.lastEventId ? ev.lastEventId : null;
          this.onLine(cursor, parseEntry(ev.data), ev.data);
        }
      });
      for (const type of ['skipped', 'rotated', 'reset', 'filters']) {
        source.addEventListener(type, (ev: { data: string }) => {
          if (current()) {
            this.onControl(type, ev.data);
          }
        });
      }
    }
  }

  /** The connection ended (`wasOpen`: it had opened): wait, then reconnect, on SSE if WS keeps failing. */
  private down(wasOpen: boolean): void {
    const transport = this.transport;
    this.closeCurrent();
    if (!this.running) {
      return;
    }
    this.setStatus('disconnected');
    let delay: number;
    if (transport === 'ws' && !wasOpen) {
      this.wsFailures += 1;
    }
    if (transport === 'ws' && this.wsFailures >= WS_FAILURES_BEFORE_SSE) {
      // WebSockets do not get through (a proxy?): try SSE at once. The backoff keeps growing: if the
      // server is simply away, SSE fails as well and the next waits are longer.
      this.wsFailures = 0;
      this.setTransport('sse');
      delay = 0;
    } else {
      if (transport === 'sse' && !wasOpen) {
        // SSE fails too: the server is away rather than WebSockets blocked; try WS again next time.
        this.setTransport('ws');
      }
      delay = backoffDelay(this.attempt, this.options.backoff ?? LOG_STREAM_BACKOFF, this.options.random);
      this.attempt += 1;
    }
    this.reconnectTimer = this.timers.setTimeout(() => {
      this.reconnectTimer = null;
      this.prepareAndConnect();
    }, delay);
  }

  private prepareAndConnect(): void {
    let prepared: unknown;
    try {
      prepared = this.options.beforeReconnect?.();
    } catch {
      prepared = undefined;
    }
    if (prepared && typeof (prepared as Promise<unknown>).then === 'function') {
      this.setStatus('connecting');
      const generation = this.generation;
      (prepared as Promise<unknown>).then(
        () => generation === this.generation && this.reconnectTimer === null && this.connect(),
        () => generation === this.generation && this.reconnectTimer === null && this.connect(),
      );
    } else {
      this.connect();
    }
  }

  private onFrame(data: string): void {
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object') {
      return;
    }
    if (frame.type === 'log') {
      const entry = frame.entry && typeof frame.entry === 'object' ? (frame.entry as LogEntry) : {};
      this.onLine(str(frame.id), entry, rawEntry(data, frame.entry));
    } else if (typeof frame.type === 'string') {
      this.onControlObject(frame.type, frame);
    }
  }

  private onLine(cursor: string | null, entry: LogEntry, raw: string): void {
    if (this.pendingAcks > 0) {
      return;
    }
    if (cursor) {
      this.cursor = cursor;
    }
    this.options.onEvent({ type: 'log', cursor, entry, raw });
  }

  private onControl(type: string, data: string): void {
    let payload: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(data);
      if (parsed && typeof parsed === 'object') {
        payload = parsed;
      }
    } catch {
      // a bare event: no fields
    }
    this.onControlObject(type, payload);
  }

  private onControlObject(type: string, payload: Record<string, unknown>): void {
    switch (type) {
      case 'filters':
        this.pendingAcks = Math.max(0, this.pendingAcks - 1);
        break;
      case 'skipped':
        if (this.pendingAcks === 0) {
          this.options.onEvent({ type: 'skipped', count: typeof payload.count === 'number' ? payload.count : 0 });
        }
        break;
      case 'rotated':
        this.options.onEvent({ type: 'rotated', file: str(payload.file), reason: str(payload.reason) });
        break;
      case 'reset':
        this.cursor = null;
        this.options.onEvent({ type: 'reset' });
        break;
      case 'error':
        this.options.onEvent({ type: 'error', message: str(payload.error) ?? 'stream error' });
        break;
    }
  }
}
