import { describe, expect, it } from 'vitest';
import { ago, dateTime, relativeTime } from './format';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('relativeTime', () => {
  it('says just now under a minute', () => {
    expect(relativeTime('2026-03-10T11:59:30Z', NOW, 'en')).toBe('just now');
    expect(relativeTime('2026-03-10T12:00:20Z', NOW, 'en')).toBe('just now');
  });

  it('uses the largest whole unit, past and future', () => {
    expect(relativeTime('2026-03-10T11:55:00Z', NOW, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2026-03-10T09:00:00Z', NOW, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-03-11T12:00:00Z', NOW, 'en')).toBe('tomorrow');
    expect(relativeTime('2026-03-10T14:00:00Z', NOW, 'en')).toBe('in 2 hours');
    expect(relativeTime('2026-02-20T12:00:00Z', NOW, 'en')).toBe('2 weeks ago');
  });

  it('is empty for a bad date', () => {
    expect(relativeTime('nope', NOW, 'en')).toBe('');
  });
});

describe('dateTime', () => {
  it('formats a valid date and is empty otherwise', () => {
    expect(dateTime('2026-03-10T12:00:00Z', 'en')).toContain('2026');
    expect(dateTime('nope', 'en')).toBe('');
  });
});

describe('ago', () => {
  it('says how long ago, in short units', () => {
    expect(ago('2026-03-10T11:59:30Z', NOW)).toBe('just now');
    expect(ago('2026-03-10T11:59:59Z', NOW)).toBe('just now');
    expect(ago('2026-03-10T11:50:00Z', NOW)).toBe('10 min ago');
    expect(ago('2026-03-10T10:00:00Z', NOW)).toBe('2 h ago');
    expect(ago('2026-03-10T07:00:00Z', NOW)).toBe('5 h ago');
    expect(ago('2026-03-09T12:00:00Z', NOW)).toBe('1 d ago');
    expect(ago('2026-03-07T12:00:00Z', NOW)).toBe('3 d ago');
  });

  it('reads future times as just now and is empty for a bad date', () => {
    expect(ago('2026-03-10T13:00:00Z', NOW)).toBe('just now');
    expect(ago('bad', NOW)).toBe('');
  });
});
