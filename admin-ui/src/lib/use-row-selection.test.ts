import { describe, expect, it } from 'vitest';
import { keptOnly, toggled, toggledAll } from './use-row-selection';

describe('row selection', () => {
  it('toggles ids and never grows past the limit', () => {
    let selected = new Set<string>();
    selected = toggled(selected, 'a');
    expect([...selected]).toEqual(['a']);
    selected = toggled(selected, 'a');
    expect(selected.size).toBe(0);
    const full = new Set(['a', 'b']);
    expect([...toggled(full, 'c', 2)]).toEqual(['a', 'b']);
    expect([...toggled(full, 'a', 2)]).toEqual(['b']);
  });

  it('header toggle selects every row, or clears when all are selected', () => {
    expect([...toggledAll(new Set(), ['a', 'b'])]).toEqual(['a', 'b']);
    expect(toggledAll(new Set(['a', 'b']), ['a', 'b']).size).toBe(0);
    expect(toggledAll(new Set(['a']), ['a', 'b']).size).toBe(2);
    expect(toggledAll(new Set(), []).size).toBe(0);
    const many = Array.from({ length: 150 }, (_, i) => i);
    expect(toggledAll(new Set(), many, 100).size).toBe(100);
  });

  it('drops rows that are no longer shown, and keeps the same set when none went away', () => {
    const selected = new Set([1, 2, 3]);
    expect([...keptOnly(selected, [2, 3, 4])]).toEqual([2, 3]);
    expect(keptOnly(selected, [1, 2, 3, 4])).toBe(selected);
    expect(keptOnly(selected, []).size).toBe(0);
  });
});
