import { describe, expect, it } from 'vitest';
import { formatClock, formatDecimal, formatDuration, formatMillis, formatNumber, formatRate } from './format';

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

describe('formatClock', () => {
  it('pads the wall-clock time', () => {
    expect(formatClock(new Date(2024, 0, 2, 3, 4, 5))).toBe('03:04:05');
    expect(formatClock(new Date(2024, 0, 2, 23, 59, 9).getTime())).toBe('23:59:09');
  });
});
