// The live dashboard's state: the latest snapshot for the cards and the chart series. Live snapshots
// that arrive before the history are held back, then appended after it, so the charts never start
// from a later point and then get older data in front.
import type { DashboardSnapshot } from '../types';
import {
  appendSnapshot,
  DEFAULT_WINDOW,
  EMPTY_SERIES,
  seedSeries,
  type SeriesState,
  type SeriesWindow,
} from './series';

export interface DashboardState {
  latest: DashboardSnapshot | null;
  series: SeriesState;
  /** The history has been applied (or failed): live snapshots go straight into the series. */
  seeded: boolean;
  /** Live snapshots received before the history. */
  pending: DashboardSnapshot[];
}

export type DashboardAction =
  | { type: 'history'; snapshots: DashboardSnapshot[] }
  | { type: 'history-failed' }
  | { type: 'snapshot'; snapshot: DashboardSnapshot };

export const INITIAL_DASHBOARD_STATE: DashboardState = {
  latest: null,
  series: EMPTY_SERIES,
  seeded: false,
  pending: [],
};

const newer = (a: DashboardSnapshot | null, b: DashboardSnapshot | null) => {
  if (!a) {
    return b;
  }
  if (!b) {
    return a;
  }
  return Date.parse(b.time) >= Date.parse(a.time) ? b : a;
};

export function dashboardReducer(
  state: DashboardState,
  action: DashboardAction,
  window: SeriesWindow = DEFAULT_WINDOW,
): DashboardState {
  switch (action.type) {
    case 'history':
    case 'history-failed': {
      if (state.seeded) {
        return state;
      }
      const history = action.type === 'history' ? action.snapshots : [];
      let series = seedSeries(history, window);
      for (const snapshot of state.pending) {
        series = appendSnapshot(series, snapshot, window);
      }
      return {
        latest: newer(history.length ? series.last : null, state.latest),
        series,
        seeded: true,
        pending: [],
      };
    }
    case 'snapshot': {
      const latest = newer(state.latest, action.snapshot);
      if (!state.seeded) {
        return { ...state, latest, pending: [...state.pending, action.snapshot] };
      }
      const series = appendSnapshot(state.series, action.snapshot, window);
      return latest === state.latest && series === state.series ? state : { ...state, latest, series };
    }
  }
}
