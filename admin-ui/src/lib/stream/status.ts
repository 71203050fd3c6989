/**
 * The one connection status of every live stream, as the UI shows it:
 * `connecting` until the first connection opens, `live` while one is open, `offline` from a drop until
 * the next connection opens (the stream is reconnecting by itself meanwhile).
 */
export type StreamStatus = 'connecting' | 'live' | 'offline';

/** The wire a stream runs on. */
export type Transport = 'ws' | 'sse';

/** What a stream asks for: `auto` is WebSocket, falling back to SSE when WebSockets do not get through. */
export type TransportChoice = Transport | 'auto';
