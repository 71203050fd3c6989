import { describe, expect, it } from 'vitest';
import type { InstanceInfo } from '../types';
import { instanceOptions, streamInstance } from './instances';

const instance = (id: string, name: string, self = false): InstanceInfo => ({
  id,
  name,
  self,
  started_at: 1,
  seen_at: 2,
  details: {},
});

describe('instanceOptions', () => {
  it('offers nothing to pick with one instance or none', () => {
    expect(instanceOptions([])).toBeNull();
    expect(instanceOptions([instance('a1', 'a', true)])).toBeNull();
  });

  it('lists every live instance, this one first and marked', () => {
    expect(instanceOptions([instance('b1', 'b'), instance('a1', 'a', true)])).toEqual([
      { value: 'a1', label: 'a (this one)' },
      { value: 'b1', label: 'b' },
    ]);
  });
});

describe('streamInstance', () => {
  const live = [instance('a1', 'a', true), instance('b1', 'b')];

  it('streams from the picked instance when it is another live one', () => {
    expect(streamInstance('b1', live)).toBe('b1');
  });

  it('names the instance that listed them when nothing, this one, or a gone instance is picked', () => {
    // Behind a load balancer the stream may reach another instance than the list came from.
    expect(streamInstance(null, live)).toBe('a1');
    expect(streamInstance('a1', live)).toBe('a1');
    expect(streamInstance('c1', live)).toBe('a1');
  });

  it('names no instance alone', () => {
    expect(streamInstance(null, [instance('a1', 'a', true)])).toBeNull();
    expect(streamInstance(null, [])).toBeNull();
  });
});
