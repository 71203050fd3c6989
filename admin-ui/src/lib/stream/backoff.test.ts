import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay', () => {
  const mid = () => 0.5;

  it('starts at the base and doubles up to the cap of 8 s', () => {
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, mid))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
    const slow = { ...DEFAULT_BACKOFF, baseMs: 5_000 };
    expect([0, 1, 2].map((attempt) => backoffDelay(attempt, slow, mid))).toEqual([5_000, 8_000, 8_000]);
  });

  it('spreads delays by the jitter fraction', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0)).toBe(800);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0.999999)).toBeCloseTo(1_200, -1);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0)).toBe(6_400);
  });
});
