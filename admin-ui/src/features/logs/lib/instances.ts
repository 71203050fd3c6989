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
 * The `instance=` to stream from: null alone (today's stream). With several instances always an id — the
 * picked one while it is live, else the one that listed the instances — because behind a load balancer the
 * stream may land on another instance than the list came from, and would show that one's log under this
 * one's name.
 */
export function streamInstance(picked: string | null, instances: InstanceInfo[]): string | null {
  if (instances.length <= 1) {
    return null;
  }
  const found = instances.find((i) => i.id === picked) ?? instances.find((i) => i.self);
  return found?.id ?? null;
}
