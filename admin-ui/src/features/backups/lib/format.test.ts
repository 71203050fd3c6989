import { describe, expect, it } from 'vitest';
import { formatBytes, totalSize } from './format';

describe('formatBytes', () => {
  it('scales to the nearest binary unit', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024)).toBe('250 KB');
    expect(formatBytes(5.25 * 1024 * 1024)).toBe('5.3 MB');
    expect(formatBytes(3 * 1024 ** 4)).toBe('3 TB');
  });

  it('refuses nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('adds sizes up', () => {
    expect(totalSize([{ size: 1 }, { size: 2 }])).toBe(3);
    expect(totalSize([])).toBe(0);
  });
});
