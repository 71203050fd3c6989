import { useMemo } from 'react';
import { useDashboardHistory } from '../api/get-dashboard-history';
import { rangePoints, type MetricPoint } from '../lib/series';
import type { HistoryRange } from '../types';

export interface ChartPoints {
  points: MetricPoint[];
  /** Time between points (ms); null until known. */
  resolutionMs: number | null;
  loading: boolean;
  error: Error | null;
}

/**
 * The points the charts show for a range: the live series for the hour (history plus every tick since),
 * the stored history, refreshed every minute, for longer ranges.
 */
export function useChartPoints(range: HistoryRange, live: { points: MetricPoint[]; resolutionMs: number | null }) {
  const stored = range !== '1h';
  const history = useDashboardHistory(range, stored);
  const points = useMemo(
    () => (stored ? (history.data ? rangePoints(history.data.snapshots, range) : []) : live.points),
    [stored, history.data, range, live.points],
  );
  return {
    points,
    resolutionMs: stored ? (history.data?.resolution_ms ?? null) : live.resolutionMs,
    loading: stored && history.isPending,
    error: stored ? history.error : null,
  } satisfies ChartPoints;
}
