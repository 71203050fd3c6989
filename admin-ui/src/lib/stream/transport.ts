// One connection over either wire, seen the same way: opened, a message (parsed once, here), gone.
// The connection (connection.ts) decides what happens next; this file only speaks WebSocket and SSE.
import { websocketUrl } from '@/lib/api-client';
import type { Transport } from './status';

/** The part of the browser WebSocket used here (tests pass a fake). */
// Handlers take `any` so that the DOM types (whose handlers take Event subtypes) are assignable.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface SocketLike {
  onopen: ((ev: any) => void) | null;
  onmessage: ((ev: any) => void) | null;
  onclose: ((ev: any) => void) | null;
  onerror: ((ev: any) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** The part of the browser EventSource used here. */
export interface EventSourceLike {
  onopen: ((ev: any) => void) | null;
  onerror: ((ev: any) => void) | null;
  addEventListener(type: string, listener: (ev: any) => void): void;
  close(): void;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Opens the real thing; `url` is the path with its query (same origin). */
export interface Openers {
  socket(url: string): SocketLike;
  eventSource(url: string): EventSourceLike;
}

export const browserOpeners: Openers = {
  socket: (url) => new WebSocket(websocketUrl(url)),
  eventSource: (url) => new EventSource(url),
};

/**
 * One message of a stream, whichever the wire. WebSocket: a text frame, one JSON object with a `type`
 * (and an `id` where resumable). SSE: an event's name, its data (JSON) and its `id:`.
 */
export interface StreamMessage {
  /** The WebSocket frame's `type`, or the SSE event's name. */
  type: string;
  /** The resume cursor the message carries (WebSocket `id`, SSE `id:`), if any. */
  id: string | null;
  /** The JSON value: the whole WebSocket frame, or the SSE event's data. Undefined when not JSON. */
  data: unknown;
  /** The text as received (the frame, or the SSE data). */
  text: string;
  transport: Transport;
}

export interface LinkEvents {
  open(): void;
  message(message: StreamMessage): void;
  /** The connection is gone (closed, refused, failed): it never reports anything again. */
  down(): void;
}

export interface Link {
  /** Sends on an open WebSocket; false where that is not possible (SSE, not open yet). */
  send(text: string): boolean;
  /** Closes without reporting `down`. */
  close(): void;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const field = (value: unknown, name: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;

function cursorOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
}

/** Opens one connection; throws when the opener does (the caller treats that as a failed attempt). */
export function openLink(
  transport: Transport,
  url: string,
  sseEvents: readonly string[],
  openers: Openers,
  on: LinkEvents,
): Link {
  let closed = false;
  let open = false;
  const down = () => {
    if (!closed) {
      closed = true;
      on.down();
    }
  };

  if (transport === 'ws') {
    const socket = openers.socket(url);
    socket.onopen = () => {
      if (!closed) {
        open = true;
        on.open();
      }
    };
    socket.onmessage = (ev: { data: unknown }) => {
      if (closed || typeof ev.data !== 'string') {
        return;
      }
      const data = parse(ev.data);
      const type = field(data, 'type');
      on.message({
        type: typeof type === 'string' ? type : 'message',
        id: cursorOf(field(data, 'id')),
        data,
        text: ev.data,
        transport,
      });
    };
    // A failed handshake fires error, then close: act once, on close.
    socket.onerror = () => undefined;
    socket.onclose = down;
    return {
      send(text) {
        if (closed || !open) {
          return false;
        }
        socket.send(text);
        return true;
      },
      close() {
        closed = true;
        socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
        try {
          socket.close(1000, 'client closed');
        } catch {
          // already closing
        }
      },
    };
  }

  const source = openers.eventSource(url);
  source.onopen = () => {
    if (!closed) {
      on.open();
    }
  };
  const deliver = (type: string, ev: { data?: unknown; lastEventId?: string }) => {
    if (!closed && typeof ev.data === 'string') {
      on.message({ type, id: cursorOf(ev.lastEventId), data: parse(ev.data), text: ev.data, transport });
    }
  };
  for (const type of sseEvents) {
    source.addEventListener(type, (ev: { data?: unknown; lastEventId?: string }) => deliver(type, ev));
  }
  // An `error` event with data is the server's; without, the connection failed. The browser would retry
  // by itself, but not after an HTTP error, and without our backoff, session refresh and cursor: close.
  source.onerror = (ev: { data?: unknown } | undefined) => {
    if (typeof ev?.data === 'string') {
      deliver('error', ev);
    } else {
      source.onopen = source.onerror = null;
      source.close();
      down();
    }
  };
  return {
    send: () => false,
    close() {
      closed = true;
      source.onopen = source.onerror = null;
      source.close();
    },
  };
}
