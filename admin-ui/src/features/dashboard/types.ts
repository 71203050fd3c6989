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

export interface DashboardHistory {
  snapshots: DashboardSnapshot[];
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
  history: ['dashboard', 'history'] as const,
  recentAuditAll: ['dashboard', 'recent-audit'] as const,
  recentAudit: (limit: number) => ['dashboard', 'recent-audit', limit] as const,
};
