// Chart series from dashboard snapshots: counters (requests, status classes) become per-interval
// deltas, gauges are taken as they are, and the window stays bounded by age and by point count.
import type { DashboardSnapshot, HistoryRange } from '../types';
import { formatClock, formatDayMinute, formatMinute } from './format';

/** One chart point: derived from a snapshot and the one before it. */
export interface MetricPoint {
  /** Snapshot time (epoch ms). */
  t: number;
  /** Local "HH:MM:SS", the x axis label. */
  time: string;
  /** Requests served since the previous point; null for the first point (no baseline). */
  requests: number | null;
  s2xx: number | null;
  s3xx: number | null;
  s4xx: number | null;
  s5xx: number | null;
  /** Mean latency of the requests of this interval (ms); null when there were none or no baseline. */
  latency: number | null;
  /** Mean latency since the server started (ms). */
  mean_latency: number;
  heap_used: number;
  log_rate: number;
  /** Open stream connections, all streams together. */
  connections: number;
  /** Open connections of one stream (all transports): `conn_<stream>`. */
  [stream: `conn_${string}`]: number;
}

export interface SeriesWindow {
  /** Points older than this before the newest one are dropped. */
  maxAgeMs: number;
  /** Hard cap on the number of points (oldest dropped first). */
  maxPoints: number;
}

/** The server keeps one hour of history by default; 1,800 points is 1 h at 2 s, 30 min at 1 s. */
export const DEFAULT_WINDOW: SeriesWindow = { maxAgeMs: 60 * 60_000, maxPoints: 1_800 };

export interface SeriesState {
  points: MetricPoint[];
  /** The snapshot the newest point came from: the baseline for the next delta. */
  last: DashboardSnapshot | null;
}

export const EMPTY_SERIES: SeriesState = { points: [], last: null };

/** The server restarted between two snapshots: uptime went back, or a cumulative counter did. */
export function isRestart(previous: DashboardSnapshot, current: DashboardSnapshot): boolean {
  return current.uptime_seconds < previous.uptime_seconds || current.http.requests < previous.http.requests;
}

/**
 * Increase of a cumulative counter between two snapshots. Across a restart the counter started again
 * from zero, so everything it counts now happened since the previous snapshot.
 */
export function counterDelta(previous: number | undefined, current: number, restarted: boolean): number | null {
  if (previous === undefined) {
    return null;
  }
  if (restarted || current < previous) {
    return current;
  }
  return current - previous;
}

/** Mean latency of the requests between two snapshots, from the cumulative means and counts. */
export function intervalLatency(previous: DashboardSnapshot | null, current: DashboardSnapshot): number | null {
  if (!previous) {
    return null;
  }
  const restarted = isRestart(previous, current);
  const base = restarted ? { requests: 0, mean_ms: 0 } : previous.http;
  const count = current.http.requests - base.requests;
  if (count <= 0) {
    return null;
  }
  // The server rounds the mean to 0.01 ms, so this can come out slightly off (never below zero).
  const totalMs = current.http.mean_ms * current.http.requests - base.mean_ms * base.requests;
  return Math.max(0, Math.round((totalMs / count) * 100) / 100);
}

/** Connections of each stream, summed over transports. */
export function connectionsByStream(snapshot: DashboardSnapshot): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [stream, transports] of Object.entries(snapshot.connections ?? {})) {
    result[stream] = Object.values(transports).reduce((sum, n) => sum + n, 0);
  }
  return result;
}

export function totalConnections(snapshot: DashboardSnapshot): number {
  return Object.values(connectionsByStream(snapshot)).reduce((sum, n) => sum + n, 0);
}

/** Chart data key of a stream's connection count (stream names are simple words; anything else becomes `_`). */
function streamKey(stream: string): `conn_${string}` {
  return `conn_${stream.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function toPoint(previous: DashboardSnapshot | null, current: DashboardSnapshot): MetricPoint {
  const restarted = previous !== null && isRestart(previous, current);
  const delta = (pick: (s: DashboardSnapshot) => number) =>
    counterDelta(previous ? pick(previous) : undefined, pick(current), restarted);
  const t = Date.parse(current.time);
  const point: MetricPoint = {
    t,
    time: formatClock(t),
    requests: delta((s) => s.http.requests),
    s2xx: delta((s) => s.http['2xx']),
    s3xx: delta((s) => s.http['3xx']),
    s4xx: delta((s) => s.http['4xx']),
    s5xx: delta((s) => s.http['5xx']),
    latency: intervalLatency(previous, current),
    mean_latency: current.http.mean_ms,
    heap_used: current.heap_used,
    log_rate: current.log_lines_per_second,
    connections: 0,
  };
  for (const [stream, count] of Object.entries(connectionsByStream(current))) {
    point[streamKey(stream)] = count;
    point.connections += count;
  }
  return point;
}

/** Drops points older than the window or beyond its size (oldest first). */
export function boundPoints(points: MetricPoint[], window: SeriesWindow): MetricPoint[] {
  if (points.length === 0) {
    return points;
  }
  const horizon = points[points.length - 1].t - window.maxAgeMs;
  let start = Math.max(0, points.length - window.maxPoints);
  while (start < points.length && points[start].t < horizon) {
    start += 1;
  }
  return start === 0 ? points : points.slice(start);
}

/**
 * Adds a snapshot. Snapshots not newer than the last one are ignored: the stream's first event on
 * (re)connect is often the point the history or the previous connection already delivered.
 */
export function appendSnapshot(
  state: SeriesState,
  snapshot: DashboardSnapshot,
  window: SeriesWindow = DEFAULT_WINDOW,
): SeriesState {
  const t = Date.parse(snapshot.time);
  if (Number.isNaN(t) || (state.last && t <= Date.parse(state.last.time))) {
    return state;
  }
  const points = boundPoints([...state.points, toPoint(state.last, snapshot)], window);
  return { points, last: snapshot };
}

/** A series from the history ring (oldest first), bounded like live appends. */
export function seedSeries(history: DashboardSnapshot[], window: SeriesWindow = DEFAULT_WINDOW): SeriesState {
  const sorted = [...history].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  let state = EMPTY_SERIES;
  for (const snapshot of sorted) {
    state = appendSnapshot(state, snapshot, { maxAgeMs: window.maxAgeMs, maxPoints: Number.MAX_SAFE_INTEGER });
  }
  return { points: boundPoints(state.points, window), last: state.last };
}

/** Every stream that appears in the points, in first-seen order (the stacked connections chart's series). */
export function streamsIn(points: MetricPoint[]): string[] {
  const seen = new Set<string>();
  for (const point of points) {
    for (const key of Object.keys(point)) {
      if (key.startsWith('conn_')) {
        seen.add(key.slice('conn_'.length));
      }
    }
  }
  return [...seen];
}

/** Points with every stream's key present (0 where a stream had no connections yet), for stacking. */
export function withAllStreams(points: MetricPoint[], streams: string[]): MetricPoint[] {
  return points.map((point) => {
    const missing = streams.filter((stream) => point[`conn_${stream}`] === undefined);
    if (missing.length === 0) {
      return point;
    }
    const filled: MetricPoint = { ...point };
    for (const stream of missing) {
      filled[`conn_${stream}`] = 0;
    }
    return filled;
  });
}

/** Length of each chart range. */
export const RANGE_MS: Record<HistoryRange, number> = {
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
  '30d': 30 * 24 * 60 * 60_000,
};

/** The x axis label of a point at `t` for a range: seconds for the hour, days beyond a day. */
export function rangeLabel(range: HistoryRange, t: number): string {
  if (range === '1h') {
    return formatClock(t);
  }
  return range === '24h' ? formatMinute(t) : formatDayMinute(t);
}

/**
 * Chart points of a stored range (oldest first). Deltas between bucket points are what happened in the
 * bucket, since counters are stored at each bucket's last value.
 */
export function rangePoints(history: DashboardSnapshot[], range: HistoryRange): MetricPoint[] {
  // Bucket times are their starts: the oldest bucket may begin up to one bucket before the range.
  const { points } = seedSeries(history, { maxAgeMs: RANGE_MS[range] + 15 * 60_000, maxPoints: 10_000 });
  return points.map((point) => ({ ...point, time: rangeLabel(range, point.t) }));
}
