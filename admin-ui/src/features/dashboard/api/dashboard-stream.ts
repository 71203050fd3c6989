/**
 * /api/admin/dashboard/stream over SSE: a `metrics` event (the snapshot as JSON) on connect and every
 * interval. Same origin, so the session cookies go along; the server advises `retry: 10000`.
 */
export const openDashboardStream = (): EventSource => new EventSource('/api/admin/dashboard/stream');

export const DASHBOARD_STREAM_EVENT = 'metrics';
