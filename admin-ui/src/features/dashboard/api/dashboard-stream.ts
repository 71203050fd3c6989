import { refreshSession } from '@/lib/api-client';
import { createStreamConnection, type StreamConnection } from '@/lib/stream/connection';
import type { StreamStatus } from '@/lib/stream/status';
import type { DashboardSnapshot } from '../types';
import { getDashboard } from './get-dashboard';

export interface DashboardStreamHandlers {
  snapshot(snapshot: DashboardSnapshot): void;
  status(status: StreamStatus): void;
}

/**
 * /api/admin/dashboard/stream over SSE: a `metrics` event (the snapshot) on connect and every tick (5 s).
 * The ticks make a stalled stream visible; while offline the snapshot is polled every 10 s instead.
 * Reopened after the server's advice (`retry: 10000`), backing off to a minute.
 */
export const connectDashboardStream = (on: DashboardStreamHandlers): StreamConnection =>
  createStreamConnection({
    path: '/api/admin/dashboard/stream',
    transport: 'sse',
    events: ['metrics'],
    backoff: { baseMs: 10_000, maxMs: 60_000, factor: 2, jitter: 0.2 },
    stallAfterMs: 15_000,
    onStatus: on.status,
    onMessage: (message) => {
      // A malformed event is skipped: the next tick brings a whole snapshot again.
      if (message.data !== null && typeof message.data === 'object') {
        on.snapshot(message.data as DashboardSnapshot);
      }
    },
    poll: { everyMs: 10_000, run: async () => on.snapshot(await getDashboard()) },
    beforeReconnect: () => refreshSession().catch(() => undefined),
  });
