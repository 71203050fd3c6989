// Fake WebSocket and EventSource for the stream layer's tests and its adapters' (never used by the app).
import type { EventSourceLike, Openers, SocketLike } from './transport';

/** A WebSocket the test drives: open(), frame(…), fail(code). */
export class FakeSocket implements SocketLike {
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  sent: string[] = [];
  closed: number | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closed = code ?? 1000;
  }
  open() {
    this.onopen?.({});
  }
  /** A frame from the server: a string as is, anything else as JSON. */
  frame(value: unknown) {
    this.onmessage?.({ data: typeof value === 'string' ? value : JSON.stringify(value) });
  }
  fail(code = 1006) {
    this.onerror?.({});
    this.onclose?.({ code });
  }
  /** The query parameters it was opened with. */
  get params(): Record<string, string> {
    return Object.fromEntries(new URL(this.url, 'http://test').searchParams);
  }
}

/** An EventSource the test drives: open(), emit(event, data, id), fail(), serverError(data). */
export class FakeEventSource implements EventSourceLike {
  onopen: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  listeners = new Map<string, ((ev: unknown) => void)[]>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (ev: unknown) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.({});
  }
  emit(type: string, data: string, lastEventId = '') {
    for (const listener of this.listeners.get(type) ?? []) {
      listener({ data, lastEventId });
    }
  }
  /** The connection failed (network error, HTTP error status). */
  fail() {
    this.onerror?.({});
  }
  /** An `event: error` sent by the server. */
  serverError(data: string) {
    this.onerror?.({ data });
  }
  get params(): Record<string, string> {
    return Object.fromEntries(new URL(this.url, 'http://test').searchParams);
  }
}

/** Openers that record every fake they open. */
export function fakeOpeners() {
  const sockets: FakeSocket[] = [];
  const sources: FakeEventSource[] = [];
  const openers: Openers = {
    socket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    eventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
  };
  return { openers, sockets, sources };
}
