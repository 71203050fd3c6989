import { expect, it } from 'vitest';
import { formatCount } from './format-count';

it('caps the badge at 99+', () => {
  expect(formatCount(0)).toBe('0');
  expect(formatCount(99)).toBe('99');
  expect(formatCount(100)).toBe('99+');
  expect(formatCount(12345)).toBe('99+');
});
