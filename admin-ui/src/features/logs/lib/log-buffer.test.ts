import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogBuffer } from './log-buffer';

type Item = { kind: 'log'; n: number } | { kind: 'skipped'; count: number };
const line = (n: number): Item => ({ kind: 'log', n });

function setup(cap = 500) {
  const buffer = new LogBuffer<Item>({ cap, intervalMs: 250 });
  let flushes = 0;
  buffer.subscribe(() => {
    flushes += 1;
  });
  return { buffer, flushes: () => flushes };
}

describe('LogBuffer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-22T10:00:00Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows pushed items only at the next flush, in order', () => {
    const { buffer, flushes } = setup();
    buffer.push(line(1));
    buffer.push(line(2));
    expect(buffer.getSnapshot().items).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(flushes()).toBe(1);
    expect(buffer.getSnapshot().items).toEqual([line(1), line(2)]);
  });

  it('keeps at most 500 items, dropping the oldest', () => {
    const { buffer } = setup();
    for (let n = 0; n < 1_234; n++) {
      buffer.push(line(n));
      if (n % 100 === 0) {
        vi.advanceTimersByTime(250);
      }
    }
    vi.advanceTimersByTime(1_000);
    const items = buffer.getSnapshot().items;
    expect(items).toHaveLength(500);
    expect(items[0]).toEqual(line(734));
    expect(items[499]).toEqual(line(1_233));
  });

  it('flushes at most 4 times a second under a flood, losing nothing within the cap and keeping order', () => {
    const { buffer, flushes } = setup(100_000);
    // 10,000 lines over 5 s: one every 0.5 ms.
    for (let n = 0; n < 10_000; n++) {
      buffer.push(line(n));
      vi.advanceTimersByTime(0.5);
    }
    vi.advanceTimersByTime(250);
    expect(flushes()).toBeLessThanOrEqual(4 * 5 + 1);
    expect(flushes()).toBeGreaterThanOrEqual(4 * 5 - 1);
    const items = buffer.getSnapshot().items as Item[];
    expect(items).toHaveLength(10_000);
    expect(items.every((item, i) => item.kind === 'log' && item.n === i)).toBe(true);
  });

  it('never flushes twice within 250 ms', () => {
    const { buffer } = setup();
    const times: number[] = [];
    buffer.subscribe(() => times.push(Date.now()));
    for (let n = 0; n < 2_000; n++) {
      buffer.push(line(n));
      vi.advanceTimersByTime(Math.random() * 3);
    }
    vi.advanceTimersByTime(250);
    for (let i = 1; i < times.length; i++) {
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(250);
    }
  });

  it('keeps markers in place among the lines', () => {
    const { buffer } = setup(4);
    buffer.push(line(1));
    buffer.push({ kind: 'skipped', count: 7 });
    buffer.push(line(2));
    vi.advanceTimersByTime(250);
    expect(buffer.getSnapshot().items).toEqual([line(1), { kind: 'skipped', count: 7 }, line(2)]);
    buffer.push(line(3));
    buffer.push(line(4));
    vi.advanceTimersByTime(250);
    // The cap counts rows: the oldest row went, the marker stays where it was.
    expect(buffer.getSnapshot().items).toEqual([{ kind: 'skipped', count: 7 }, line(2), line(3), line(4)]);
  });

  it('holds new items back while paused, counts them, and shows them on resume', () => {
    const { buffer } = setup();
    buffer.push(line(1));
    vi.advanceTimersByTime(250);
    buffer.pause();
    buffer.push(line(2));
    buffer.push(line(3));
    vi.advanceTimersByTime(250);
    expect(buffer.getSnapshot()).toMatchObject({ items: [line(1)], paused: true, newCount: 2 });
    buffer.push(line(4));
    vi.advanceTimersByTime(250);
    expect(buffer.getSnapshot().newCount).toBe(3);
    buffer.resume();
    vi.advanceTimersByTime(250);
    expect(buffer.getSnapshot()).toMatchObject({
      items: [line(1), line(2), line(3), line(4)],
      paused: false,
      newCount: 0,
    });
  });

  it('holds at most the cap while paused but counts everything', () => {
    const { buffer } = setup(10);
    buffer.pause();
    for (let n = 0; n < 25; n++) {
      buffer.push(line(n));
    }
    vi.advanceTimersByTime(250);
    expect(buffer.getSnapshot().newCount).toBe(25);
    buffer.resume();
    vi.advanceTimersByTime(250);
    expect(buffer.getSnapshot().items).toEqual(Array.from({ length: 10 }, (_, i) => line(15 + i)));
  });

  it('clear empties the view, the queue and what is held', () => {
    const { buffer } = setup();
    buffer.push(line(1));
    vi.advanceTimersByTime(250);
    buffer.pause();
    buffer.push(line(2));
    vi.advanceTimersByTime(250);
    buffer.push(line(3));
    buffer.clear();
    buffer.push(line(4));
    vi.advanceTimersByTime(250);
    expect(buffer.getSnapshot()).toMatchObject({ items: [], paused: true, newCount: 1 });
    buffer.resume();
    vi.advanceTimersByTime(250);
    expect(buffer.getSnapshot().items).toEqual([line(4)]);
  });

  it('does not flush after dispose', () => {
    const { buffer, flushes } = setup();
    buffer.push(line(1));
    buffer.dispose();
    vi.advanceTimersByTime(1_000);
    expect(flushes()).toBe(0);
  });
});
