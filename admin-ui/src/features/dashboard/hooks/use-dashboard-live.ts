import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useState } from 'react';
import { refreshSession } from '@/lib/api-client';
import { reconnectWatch } from '@/lib/reconnect-watch';
import { DASHBOARD_STREAM_EVENT, openDashboardStream } from '../api/dashboard-stream';
import { useDashboardPolling } from '../api/get-dashboard';
import { useDashboardHistory } from '../api/get-dashboard-history';
import { dashboardReducer, INITIAL_DASHBOARD_STATE, type DashboardAction, type DashboardState } from '../lib/dashboard-state';
import type { MetricPoint } from '../lib/series';
import { createSseConnection, type StreamStatus } from '../lib/sse-connection';
import { dashboardKeys, type DashboardSnapshot } from '../types';

export interface DashboardLive {
  status: StreamStatus;
  /** The newest snapshot (stream, polling fallback or the last history point); null until one arrives. */
  latest: DashboardSnapshot | null;
  /** Chart points, oldest first, bounded. */
  points: MetricPoint[];
  /** The history could not be loaded (the charts then start from the first live point). */
  historyError: Error | null;
}

const reduce = (state: DashboardState, action: DashboardAction) => dashboardReducer(state, action);

/**
 * The live dashboard: seeds the charts from the history ring and appends every `metrics` event of
 * the SSE stream. While the stream is offline the snapshot is polled every 10 s instead.
 */
export function useDashboardLive(): DashboardLive {
  const client = useQueryClient();
  const [state, dispatch] = useReducer(reduce, INITIAL_DASHBOARD_STATE);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const history = useDashboardHistory();
  const polling = useDashboardPolling(status === 'offline');

  useEffect(() => {
    if (history.isSuccess) {
      dispatch({ type: 'history', snapshots: history.data.snapshots ?? [] });
    } else if (history.isError) {
      dispatch({ type: 'history-failed' });
    }
  }, [history.isSuccess, history.isError, history.data]);

  useEffect(() => {
    if (polling.data) {
      dispatch({ type: 'snapshot', snapshot: polling.data });
    }
  }, [polling.data]);

  useEffect(() => {
    // The stream sends the current snapshot on every connect; the audit panel is refetched.
    const watch = reconnectWatch<StreamStatus>('live', () =>
      client.invalidateQueries({ queryKey: dashboardKeys.recentAuditAll }));
    const connection = createSseConnection({
      open: openDashboardStream,
      event: DASHBOARD_STREAM_EVENT,
      onStatus: (next) => {
        watch(next);
        setStatus(next);
      },
      onEvent: (data) => {
        try {
          dispatch({ type: 'snapshot', snapshot: JSON.parse(data) as DashboardSnapshot });
        } catch {
          // a malformed frame is skipped; the next tick brings a whole snapshot again
        }
      },
      // Refused (401 once the access cookie expired): refresh the session before the reopen.
      onClosed: () => {
        refreshSession().catch(() => undefined);
      },
    });
    connection.start();
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        connection.reconnectNow();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onVisible);
      connection.stop();
    };
  }, [client]);

  return {
    status,
    latest: state.latest,
    points: state.series.points,
    historyError: history.error,
  };
}
