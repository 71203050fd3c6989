// Test helper (not shipped by any page): a snapshot with sensible defaults.
import type { DashboardSnapshot } from '../types';

export const BASE_TIME = Date.UTC(2024, 4, 1, 10, 0, 0);

export function snapshot(
  seconds: number,
  overrides: Partial<DashboardSnapshot> & {
    requests?: number;
    meanMs?: number;
  } = {},
): DashboardSnapshot {
  const { requests = 0, meanMs = 0, ...rest } = overrides;
  return {
    active_sessions: 1,
    queued_jobs: 0,
    running_jobs: 0,
    failed_jobs_24h: 0,
    db_size: 1024,
    wal_size: 0,
    uptime_seconds: 100 + seconds,
    heap_used: 50 * 1024 * 1024,
    heap_max: 512 * 1024 * 1024,
    threads: 30,
    http: { requests, '2xx': requests, '3xx': 0, '4xx': 0, '5xx': 0, mean_ms: meanMs },
    connections: {},
    log_lines_per_second: 0,
    time: new Date(BASE_TIME + seconds * 1000).toISOString(),
    ...rest,
  };
}
