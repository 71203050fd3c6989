import { describe, expect, it } from 'vitest';
import { rateColor, rateColumns } from './rate';

const at = (minute: number) => `2026-11-22T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('rateColumns', () => {
  it('stacks the levels most severe first, scaled to the busiest minute', () => {
    const columns = rateColumns([
      { time: at(0), counts: { info: 30, error: 10 } },
      { time: at(1), counts: { info: 10, warn: 10, debug: 0 } },
      { time: at(2), counts: {} },
    ]);
    expect(columns.map((c) => c.total)).toEqual([40, 20, 0]);
    expect(columns[0].segments).toEqual([
      { level: 'error', count: 10, y: 0, height: 0.25 },
      { level: 'info', count: 30, y: 0.25, height: 0.75 },
    ]);
    expect(columns[1].segments).toEqual([
      { level: 'warn', count: 10, y: 0, height: 0.25 },
      { level: 'info', count: 10, y: 0.25, height: 0.25 },
    ]);
    expect(columns[2].segments).toEqual([]);
    expect(columns[0].label).toMatch(/— 10 error, 30 info$/);
    expect(columns[2].label).toMatch(/— no lines$/);
  });

  it('keeps levels it does not know, after the known ones', () => {
    const [column] = rateColumns([{ time: at(0), counts: { notice: 1, unknown: 1, fatal: 2 } }]);
    expect(column.segments.map((s) => s.level)).toEqual(['fatal', 'unknown', 'notice']);
    expect(column.segments.reduce((sum, s) => sum + s.height, 0)).toBeCloseTo(1);
  });

  it('draws an empty hour flat (no division by zero)', () => {
    const columns = rateColumns(Array.from({ length: 60 }, (_, i) => ({ time: at(i), counts: { info: 0 } })));
    expect(columns).toHaveLength(60);
    expect(columns.every((c) => c.total === 0 && c.segments.length === 0)).toBe(true);
  });

  it('colours errors red and unknown levels grape', () => {
    expect(rateColor('fatal')).toContain('red');
    expect(rateColor('error')).toContain('red');
    expect(rateColor('whatever')).toContain('grape');
  });
});
