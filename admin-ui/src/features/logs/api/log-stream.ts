import { websocketUrl } from '@/lib/api-client';
import type { LogEventSource, LogSocket, StreamParams } from '../lib/log-stream';

const STREAM_PATH = '/api/admin/logs/stream';

function query(params: StreamParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const qs = search.toString();
  return qs ? `?${qs}` : '';
}

/** WebSocket /api/admin/logs/stream?level=&search=&backlog=&since= (filters change later by message). */
export const openLogSocket = (params: StreamParams): LogSocket =>
  new WebSocket(websocketUrl(STREAM_PATH + query(params)));

/** The same stream as Server-Sent Events (GET with Accept: text/event-stream). */
export const openLogEventSource = (params: StreamParams): LogEventSource =>
  new EventSource(STREAM_PATH + query(params));
