import { describe, expect, it } from 'vitest';
import { formatDayMinute, formatMinute, formatStep } from './format';
import { RANGE_MS, rangeLabel, rangePoints } from './series';
import { snapshot } from './test-snapshot';

describe('rangePoints', () => {
  it('turns bucket points into per-bucket deltas labelled for the range', () => {
    // Three one-minute buckets: counters at each bucket's last value.
    const history = [snapshot(0, { requests: 100 }), snapshot(60, { requests: 160 }), snapshot(120, { requests: 190 })];
    const points = rangePoints(history, '24h');
    expect(points.map((p) => p.requests)).toEqual([null, 60, 30]);
    expect(points.map((p) => p.time)).toEqual(points.map((p) => formatMinute(p.t)));
  });

  it('keeps a month of quarter-hour buckets, the oldest starting before the range', () => {
    const quarter = 15 * 60;
    const count = RANGE_MS['30d'] / (quarter * 1000) + 1;
    const history = Array.from({ length: count }, (_, i) => snapshot(i * quarter, { requests: i }));
    const points = rangePoints(history, '30d');
    expect(points).toHaveLength(count);
    expect(points[1].requests).toBe(1);
    expect(points[0].time).toBe(formatDayMinute(points[0].t));
  });
});

describe('rangeLabel', () => {
  it('shows seconds for the hour, minutes for the day and the date beyond', () => {
    const t = new Date(2026, 11, 6, 14, 5, 9).getTime();
    expect(rangeLabel('1h', t)).toBe('14:05:09');
    expect(rangeLabel('24h', t)).toBe('14:05');
    expect(rangeLabel('7d', t)).toBe('Dec 6 14:05');
    expect(rangeLabel('30d', t)).toBe('Dec 6 14:05');
  });
});

describe('formatStep', () => {
  it('names the time between points', () => {
    expect(formatStep(5_000)).toBe('5 s');
    expect(formatStep(1_000)).toBe('1 s');
    expect(formatStep(500)).toBe('0.5 s');
    expect(formatStep(60_000)).toBe('minute');
    expect(formatStep(900_000)).toBe('15 min');
    expect(formatStep(3_600_000)).toBe('hour');
    expect(formatStep(0)).toBe('interval');
  });
});
