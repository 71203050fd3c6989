import { formatBytes } from '@/lib/format';
import type { DashboardSnapshot } from '../types';
import { formatDuration, formatMillis, formatNumber, formatRate } from './format';

/** One row of the Instances table, formatted. */
export interface InstanceRow {
  id: string;
  name: string;
  self: boolean;
  streams: string;
  requestsPerSecond: string;
  meanLatency: string;
  memory: string;
  threads: string;
  uptime: string;
  logLines: string;
}

/**
 * The instances of a snapshot as table rows, in the server's order (by name). Empty when there is one
 * instance or none: a single server has nothing to compare, and the cards already show its figures.
 */
export function instanceRows(snapshot: DashboardSnapshot | null): InstanceRow[] {
  const instances = snapshot?.instances ?? [];
  if (instances.length < 2) {
    return [];
  }
  return instances.map((i) => ({
    id: i.id,
    name: i.name,
    self: i.self,
    streams: formatNumber(i.streams),
    requestsPerSecond: formatRate(i.requests_per_second),
    meanLatency: i.http.requests > 0 ? formatMillis(i.http.mean_ms) : '—',
    memory: i.heap_max > 0 ? `${formatBytes(i.heap_used)} of ${formatBytes(i.heap_max)}` : formatBytes(i.heap_used),
    threads: formatNumber(i.threads),
    uptime: formatDuration(i.uptime_seconds),
    logLines: formatRate(i.log_lines_per_second),
  }));
}
