import type { InstanceInfo } from '../types';

export interface InstanceOption {
  value: string;
  label: string;
}

/**
 * The instance picker's options, this instance first; null when there is nothing to pick (one instance
 * live, or a server without clustering).
 */
export function instanceOptions(instances: InstanceInfo[]): InstanceOption[] | null {
  if (instances.length <= 1) {
    return null;
  }
  const ordered = [...instances.filter((i) => i.self), ...instances.filter((i) => !i.self)];
  return ordered.map((i) => ({ value: i.id, label: i.self ? `${i.name} (this one)` : i.name }));
}

/**
 * The `instance=` to stream from: null for this instance (today's stream), and when the picked one is no
 * longer live (the stream falls back to this instance's log).
 */
export function streamInstance(picked: string | null, instances: InstanceInfo[]): string | null {
  if (picked === null) {
    return null;
  }
  const found = instances.find((i) => i.id === picked);
  return found && !found.self ? found.id : null;
}
