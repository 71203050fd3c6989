import { describe, expect, it } from 'vitest';
import { totalSize } from './format';

describe('totalSize', () => {
  it('adds sizes up', () => {
    expect(totalSize([{ size: 1 }, { size: 2 }])).toBe(3);
    expect(totalSize([])).toBe(0);
  });
});
