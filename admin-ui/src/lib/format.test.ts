import { describe, expect, it } from 'vitest';
import { dateTime, formatBytes, relativeTime } from './format';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('relativeTime', () => {
  it('says just now within 45 seconds either way', () => {
    expect(relativeTime('2026-03-10T11:59:30Z', NOW)).toBe('just now');
    expect(relativeTime('2026-03-10T11:59:59Z', NOW)).toBe('just now');
    expect(relativeTime('2026-03-10T12:00:20Z', NOW)).toBe('just now');
  });

  it('reads past times in short units', () => {
    expect(relativeTime('2026-03-10T11:59:00Z', NOW)).toBe('1 min ago');
    expect(relativeTime('2026-03-10T11:50:00Z', NOW)).toBe('10 min ago');
    expect(relativeTime('2026-03-10T09:00:00Z', NOW)).toBe('3 h ago');
    expect(relativeTime('2026-03-09T12:00:00Z', NOW)).toBe('1 d ago');
    expect(relativeTime('2026-03-07T12:00:00Z', NOW)).toBe('3 d ago');
  });

  it('reads future times with "in"', () => {
    expect(relativeTime('2026-03-10T12:30:00Z', NOW)).toBe('in 30 min');
    expect(relativeTime('2026-03-11T02:00:00Z', NOW)).toBe('in 14 h');
    expect(relativeTime('2026-03-13T12:00:00Z', NOW)).toBe('in 3 d');
  });

  it('gives the date alone a week or more away', () => {
    const then = '2026-02-20T12:00:00Z';
    expect(relativeTime(then, NOW)).toBe(new Date(then).toLocaleDateString());
  });

  it('is a dash for a missing or unreadable time', () => {
    expect(relativeTime(undefined, NOW)).toBe('—');
    expect(relativeTime(null, NOW)).toBe('—');
    expect(relativeTime('', NOW)).toBe('—');
    expect(relativeTime('nope', NOW)).toBe('—');
  });
});

describe('dateTime', () => {
  it('formats a valid date and is a dash otherwise', () => {
    expect(dateTime('2026-03-10T12:00:00Z')).toContain('2026');
    expect(dateTime('nope')).toBe('—');
    expect(dateTime(null)).toBe('—');
  });
});

describe('formatBytes', () => {
  it('picks a binary unit, one decimal below 100', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024)).toBe('250 KB');
    expect(formatBytes(5.25 * 1024 * 1024)).toBe('5.3 MB');
    expect(formatBytes(48_234_496)).toBe('46 MB');
    expect(formatBytes(268_435_456)).toBe('256 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3 TB');
  });

  it('does not show 1024 of a unit', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
  });

  it('shows unknown sizes as a dash', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('—');
  });
});
