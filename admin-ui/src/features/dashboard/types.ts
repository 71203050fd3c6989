/** One dashboard reading (DashboardSnapshot.java): REST snapshot, `metrics` stream event and history point. */
export interface DashboardSnapshot {
  active_sessions: number;
  queued_jobs: number;
  running_jobs: number;
  failed_jobs_24h: number;
  /** Bytes; -1 when the size could not be read. */
  db_size: number;
  wal_size: number;
  uptime_seconds: number;
  heap_used: number;
  /** -1 when the JVM has no defined maximum. */
  heap_max: number;
  threads: number;
  http: DashboardHttp;
  /** Open stream connections by stream, then transport (`sse`, `ws`). */
  connections: Record<string, Record<string, number>>;
  log_lines_per_second: number;
  /** ISO-8601 instant. */
  time: string;
  /**
   * Live snapshots only (history points have none): every live instance with its own figures, this one
   * included. With more than one, the figures above are the cluster's totals.
   */
  instances?: DashboardInstance[];
}

/** One live instance in a snapshot (DashboardSnapshot.InstanceEntry), as it last published its figures. */
export interface DashboardInstance {
  id: string;
  name: string;
  /** The instance that served this snapshot. */
  self: boolean;
  /** Epoch millis. */
  started_at: number;
  /** Open stream connections on this instance. */
  streams: number;
  connections: Record<string, Record<string, number>>;
  http: DashboardHttp;
  requests_per_second: number;
  heap_used: number;
  heap_max: number;
  threads: number;
  uptime_seconds: number;
  log_lines_per_second: number;
}

/** HTTP requests served since the server started (cumulative counters). */
export interface DashboardHttp {
  requests: number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  /** Mean latency over all requests since start (ms). */
  mean_ms: number;
}

/** The chart ranges the server keeps history for (HistoryRange.java). */
export const HISTORY_RANGES = ['1h', '24h', '7d', '30d'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];

/**
 * GET /api/admin/dashboard/history?range=: points oldest first. Beyond 1 h each point is a bucket
 * (its start as `time`): counters and sizes are the bucket's last value, heap and log rate its mean,
 * sessions, jobs, threads and connections its peak. The last point may be the bucket in progress.
 */
export interface DashboardHistory {
  range: HistoryRange;
  /** Time between points: the tick interval at 1 h, 60 000 at 24 h, 900 000 at 7 d and 30 d. */
  resolution_ms: number;
  snapshots: DashboardSnapshot[];
}

/** One open stream of an online admin. */
export interface OnlineStream {
  stream: string;
  transport: 'sse' | 'ws';
  since: string;
  via_api_key: boolean;
  /** Null unless it is the viewer's own stream or the viewer has admin:sessions. */
  address: string | null;
}

/** GET /api/admin/dashboard/online: admins with open streams, longest online first. */
export interface OnlineAdmin {
  id: number;
  email: string | null;
  name: string | null;
  since: string;
  streams: OnlineStream[];
}

export interface OnlineAdmins {
  admins: OnlineAdmin[];
}

/** A row of GET /api/admin/audit (AuditRepository.Entry). */
export interface AuditEntry {
  id: number;
  admin_id: number | null;
  admin_email: string | null;
  admin_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  details: string | null;
  ip: string | null;
  request_id: string | null;
  created_at: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

export const dashboardKeys = {
  history: (range: HistoryRange) => ['dashboard', 'history', range] as const,
  online: ['dashboard', 'online'] as const,
  recentAuditAll: ['dashboard', 'recent-audit'] as const,
  recentAudit: (limit: number) => ['dashboard', 'recent-audit', limit] as const,
};
