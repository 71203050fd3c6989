import { describe, expect, it } from 'vitest';
import { absoluteTime, relativeTime } from './format-time';

const now = Date.parse('2026-03-10T12:00:00Z');

describe('relativeTime', () => {
  it('reads past and future times', () => {
    expect(relativeTime('2026-03-10T11:59:50Z', now)).toBe('just now');
    expect(relativeTime('2026-03-10T11:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('2026-03-10T12:30:00Z', now)).toBe('in 30 min');
    expect(relativeTime('2026-03-10T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-03-11T02:00:00Z', now)).toBe('in 14 h');
    expect(relativeTime('2026-03-08T12:00:00Z', now)).toBe('2 d ago');
  });

  it('handles missing and invalid values', () => {
    expect(relativeTime(undefined, now)).toBe('—');
    expect(relativeTime('nonsense', now)).toBe('—');
    expect(absoluteTime(null)).toBe('—');
  });
});
