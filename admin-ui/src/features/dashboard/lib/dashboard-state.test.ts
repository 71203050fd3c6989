import { describe, expect, it } from 'vitest';
import {
  dashboardReducer,
  INITIAL_DASHBOARD_STATE,
  type DashboardAction,
  type DashboardState,
} from './dashboard-state';
import { snapshot } from './test-snapshot';

const run = (actions: DashboardAction[], state: DashboardState = INITIAL_DASHBOARD_STATE) =>
  actions.reduce((s, a) => dashboardReducer(s, a), state);

describe('dashboardReducer', () => {
  it('shows a live snapshot at once but holds it back from the charts until the history is in', () => {
    const live = snapshot(20, { requests: 50 });
    const before = run([{ type: 'snapshot', snapshot: live }]);
    expect(before.latest).toBe(live);
    expect(before.series.points).toHaveLength(0);

    const after = run(
      [{ type: 'history', snapshots: [snapshot(10, { requests: 20 }), snapshot(15, { requests: 30 })] }],
      before,
    );
    expect(after.series.points.map((p) => p.requests)).toEqual([null, 10, 20]);
    expect(after.latest).toBe(live);
    expect(after.pending).toEqual([]);
  });

  it('takes the newest history point as the latest when nothing live came yet', () => {
    const last = snapshot(15);
    const state = run([{ type: 'history', snapshots: [snapshot(10), last] }]);
    expect(state.latest).toBe(last);
  });

  it('drops the duplicate that a (re)connect sends and applies the history only once', () => {
    const last = snapshot(15, { requests: 3 });
    const state = run([
      { type: 'history', snapshots: [snapshot(10, { requests: 1 }), last] },
      { type: 'snapshot', snapshot: { ...last } },
      { type: 'history', snapshots: [] },
      { type: 'snapshot', snapshot: snapshot(20, { requests: 4 }) },
    ]);
    expect(state.series.points.map((p) => p.requests)).toEqual([null, 2, 1]);
  });

  it('keeps going without history when it failed', () => {
    const state = run([
      { type: 'snapshot', snapshot: snapshot(0, { requests: 1 }) },
      { type: 'history-failed' },
      { type: 'snapshot', snapshot: snapshot(5, { requests: 6 }) },
    ]);
    expect(state.seeded).toBe(true);
    expect(state.series.points.map((p) => p.requests)).toEqual([null, 5]);
  });

  it('does not let an older snapshot replace the latest', () => {
    const newest = snapshot(10);
    const state = run([
      { type: 'history-failed' },
      { type: 'snapshot', snapshot: newest },
      { type: 'snapshot', snapshot: snapshot(5) },
    ]);
    expect(state.latest).toBe(newest);
  });
});
