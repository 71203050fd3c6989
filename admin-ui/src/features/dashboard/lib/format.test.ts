import { describe, expect, it } from 'vitest';
import {
  formatAgo, formatBytes, formatClock, formatDecimal, formatDuration, formatMillis, formatNumber, formatRate,
} from './format';

describe('formatNumber', () => {
  it('groups thousands', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(12.7)).toBe('13');
    expect(formatNumber(Number.NaN)).toBe('—');
  });
  it('keeps a few decimals on request', () => {
    expect(formatDecimal(12.5)).toBe('12.5');
    expect(formatDecimal(1 / 3)).toBe('0.33');
    expect(formatDecimal(3)).toBe('3');
  });
});

describe('formatBytes', () => {
  it('picks a binary unit', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(48_234_496)).toBe('46 MB');
    expect(formatBytes(268_435_456)).toBe('256 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
  });
  it('does not show 1024 of a unit', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
  });
  it('shows unknown sizes as a dash', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(45)).toBe('45s');
    expect(formatDuration(60)).toBe('1m');
    expect(formatDuration(303)).toBe('5m 3s');
    expect(formatDuration(2 * 3600 + 13 * 60 + 59)).toBe('2h 13m');
    expect(formatDuration(7200)).toBe('2h');
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 5)).toBe('3d 4h');
    expect(formatDuration(86_400)).toBe('1d');
    expect(formatDuration(-1)).toBe('—');
  });
});

describe('formatMillis', () => {
  it('scales to the magnitude', () => {
    expect(formatMillis(0)).toBe('0 ms');
    expect(formatMillis(0.423)).toBe('0.42 ms');
    expect(formatMillis(12.34)).toBe('12.3 ms');
    expect(formatMillis(250.4)).toBe('250 ms');
    expect(formatMillis(1250)).toBe('1.25 s');
  });
});

describe('formatRate', () => {
  it('adds a per-second unit', () => {
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(0.333)).toBe('0.33/s');
    expect(formatRate(12)).toBe('12/s');
    expect(formatRate(1250.4)).toBe('1,250/s');
  });
});

describe('formatClock and formatAgo', () => {
  it('pads the wall-clock time', () => {
    expect(formatClock(new Date(2024, 0, 2, 3, 4, 5))).toBe('03:04:05');
    expect(formatClock(new Date(2024, 0, 2, 23, 59, 9).getTime())).toBe('23:59:09');
  });
  it('says how long ago, coarsely', () => {
    const now = Date.UTC(2024, 0, 2, 12, 0, 0);
    expect(formatAgo(now - 2_000, now)).toBe('just now');
    expect(formatAgo(now + 60_000, now)).toBe('just now');
    expect(formatAgo(now - 42_000, now)).toBe('42s ago');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5m ago');
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe('3h ago');
    expect(formatAgo(now - 2 * 86_400_000, now)).toBe('2d ago');
  });
});
