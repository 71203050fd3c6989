import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useState } from 'react';
import { reconnectWatch } from '@/lib/stream/reconnect-watch';
import type { StreamStatus } from '@/lib/stream/status';
import { wakeOnVisible } from '@/lib/stream/wake';
import { connectDashboardStream } from '../api/dashboard-stream';
import { useDashboardHistory } from '../api/get-dashboard-history';
import {
  dashboardReducer,
  INITIAL_DASHBOARD_STATE,
  type DashboardAction,
  type DashboardState,
} from '../lib/dashboard-state';
import type { MetricPoint } from '../lib/series';
import { dashboardKeys, type DashboardSnapshot } from '../types';

export interface DashboardLive {
  status: StreamStatus;
  /** The newest snapshot (stream, polling fallback or the last history point); null until one arrives. */
  latest: DashboardSnapshot | null;
  /** Chart points, oldest first, bounded. */
  points: MetricPoint[];
  /** The history could not be loaded (the charts then start from the first live point). */
  historyError: Error | null;
  /** Time between the hour's points (the server's tick); null until the history is in. */
  resolutionMs: number | null;
}

const reduce = (state: DashboardState, action: DashboardAction) => dashboardReducer(state, action);

/** The live dashboard: seeds the charts from the stored hour and appends every snapshot of the stream. */
export function useDashboardLive(): DashboardLive {
  const client = useQueryClient();
  const [state, dispatch] = useReducer(reduce, INITIAL_DASHBOARD_STATE);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const history = useDashboardHistory('1h');

  useEffect(() => {
    if (history.isSuccess) {
      dispatch({ type: 'history', snapshots: history.data.snapshots ?? [] });
    } else if (history.isError) {
      dispatch({ type: 'history-failed' });
    }
  }, [history.isSuccess, history.isError, history.data]);

  useEffect(() => {
    // The stream sends the current snapshot on every connect; the audit panel is refetched.
    const watch = reconnectWatch(() => client.invalidateQueries({ queryKey: dashboardKeys.recentAuditAll }));
    const connection = connectDashboardStream({
      snapshot: (snapshot) => dispatch({ type: 'snapshot', snapshot }),
      status: (next) => {
        watch(next);
        setStatus(next);
      },
    });
    connection.start();
    const unwake = wakeOnVisible(connection);
    return () => {
      unwake();
      connection.stop();
    };
  }, [client]);

  return {
    status,
    latest: state.latest,
    points: state.series.points,
    historyError: history.error,
    resolutionMs: history.data?.resolution_ms ?? null,
  };
}
