import { describe, expect, it } from 'vitest';
import {
  appendSnapshot,
  boundPoints,
  counterDelta,
  EMPTY_SERIES,
  intervalLatency,
  isRestart,
  seedSeries,
  streamsIn,
  toPoint,
  totalConnections,
  withAllStreams,
  type MetricPoint,
} from './series';
import { BASE_TIME, snapshot } from './test-snapshot';

describe('counter deltas', () => {
  it('has no delta without a baseline', () => {
    expect(counterDelta(undefined, 10, false)).toBeNull();
    expect(toPoint(null, snapshot(0, { requests: 10 })).requests).toBeNull();
  });

  it('is the increase between two snapshots', () => {
    expect(counterDelta(10, 25, false)).toBe(15);
    expect(toPoint(snapshot(0, { requests: 10 }), snapshot(5, { requests: 25 })).requests).toBe(15);
  });

  it('counts from zero again after a counter reset', () => {
    expect(counterDelta(500, 7, false)).toBe(7);
    const before = snapshot(0, { requests: 500 });
    const after = snapshot(5, { requests: 7, uptime_seconds: 3 });
    expect(isRestart(before, after)).toBe(true);
    expect(toPoint(before, after).requests).toBe(7);
  });

  it('treats a restart as a reset even when the counter has already passed its old value', () => {
    const before = snapshot(0, { requests: 5 });
    const after = snapshot(60, { requests: 40, uptime_seconds: 50 });
    expect(toPoint(before, after).requests).toBe(40);
    expect(toPoint(before, after).s2xx).toBe(40);
  });
});

describe('interval latency', () => {
  it('is the mean of the interval, from the cumulative means', () => {
    // 10 requests at a mean of 2 ms, then 10 more at 4 ms: overall mean 3 ms.
    expect(intervalLatency(snapshot(0, { requests: 10, meanMs: 2 }), snapshot(5, { requests: 20, meanMs: 3 }))).toBe(4);
  });

  it('is unknown without requests in the interval or without a baseline', () => {
    expect(intervalLatency(null, snapshot(0, { requests: 10, meanMs: 2 }))).toBeNull();
    expect(
      intervalLatency(snapshot(0, { requests: 10, meanMs: 2 }), snapshot(5, { requests: 10, meanMs: 2 })),
    ).toBeNull();
  });

  it('uses the new mean alone after a restart and never goes negative', () => {
    const before = snapshot(0, { requests: 100, meanMs: 9 });
    expect(intervalLatency(before, snapshot(5, { requests: 4, meanMs: 1.5, uptime_seconds: 1 }))).toBe(1.5);
    expect(
      intervalLatency(snapshot(0, { requests: 1000, meanMs: 2.005 }), snapshot(5, { requests: 1001, meanMs: 2 })),
    ).toBe(0);
  });
});

describe('connections', () => {
  it('sums transports per stream and overall', () => {
    const s = snapshot(0, { connections: { dashboard: { sse: 2, ws: 1 }, logs: { ws: 1 } } });
    expect(totalConnections(s)).toBe(4);
    const point = toPoint(null, s);
    expect(point.connections).toBe(4);
    expect(point.conn_dashboard).toBe(3);
    expect(point.conn_logs).toBe(1);
  });

  it('fills streams a point does not know with zero', () => {
    const a = toPoint(null, snapshot(0, { connections: { logs: { ws: 1 } } }));
    const b = toPoint(null, snapshot(5, { connections: { dashboard: { sse: 1 } } }));
    const streams = streamsIn([a, b]);
    expect(streams).toEqual(['logs', 'dashboard']);
    const [fa, fb] = withAllStreams([a, b], streams);
    expect(fa.conn_dashboard).toBe(0);
    expect(fb.conn_logs).toBe(0);
    expect(a.conn_dashboard).toBeUndefined();
  });
});

describe('appending and the window', () => {
  it('ignores snapshots that are not newer than the last one', () => {
    let state = appendSnapshot(EMPTY_SERIES, snapshot(0, { requests: 1 }));
    state = appendSnapshot(state, snapshot(5, { requests: 3 }));
    const same = appendSnapshot(state, snapshot(5, { requests: 3 }));
    expect(same).toBe(state);
    expect(appendSnapshot(state, snapshot(1, { requests: 2 }))).toBe(state);
    expect(state.points.map((p) => p.requests)).toEqual([null, 2]);
  });

  it('keeps at most maxPoints points', () => {
    let state = EMPTY_SERIES;
    for (let i = 0; i < 50; i++) {
      state = appendSnapshot(state, snapshot(i, { requests: i }), { maxAgeMs: 3_600_000, maxPoints: 10 });
    }
    expect(state.points).toHaveLength(10);
    expect(state.points[0].t).toBe(BASE_TIME + 40_000);
    expect(state.points[9].requests).toBe(1);
  });

  it('drops points older than maxAgeMs before the newest', () => {
    let state = EMPTY_SERIES;
    for (const s of [0, 10, 20, 30, 95]) {
      state = appendSnapshot(state, snapshot(s), { maxAgeMs: 70_000, maxPoints: 100 });
    }
    expect(state.points.map((p) => (p.t - BASE_TIME) / 1000)).toEqual([30, 95]);
  });

  it('bounds an empty list and leaves a short one alone', () => {
    expect(boundPoints([], { maxAgeMs: 1, maxPoints: 1 })).toEqual([]);
    const points = [toPoint(null, snapshot(0))] as MetricPoint[];
    expect(boundPoints(points, { maxAgeMs: 1000, maxPoints: 5 })).toBe(points);
  });

  it('seeds from history in time order, computing deltas across the seed, then continues live', () => {
    const history = [snapshot(10, { requests: 30 }), snapshot(0, { requests: 10 }), snapshot(5, { requests: 12 })];
    let state = seedSeries(history, { maxAgeMs: 3_600_000, maxPoints: 2 });
    expect(state.points.map((p) => p.requests)).toEqual([2, 18]);
    state = appendSnapshot(state, snapshot(15, { requests: 31 }), { maxAgeMs: 3_600_000, maxPoints: 2 });
    expect(state.points.map((p) => p.requests)).toEqual([18, 1]);
  });
});
