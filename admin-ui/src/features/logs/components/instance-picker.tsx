import { Select } from '@mantine/core';
import { instanceOptions } from '../lib/instances';
import type { InstanceInfo } from '../types';

/** Picks whose log the live view shows; only there when more than one instance is live. */
export function InstancePicker({
  instances,
  value,
  onChange,
}: {
  instances: InstanceInfo[];
  /** The picked instance's id; null: this instance. */
  value: string | null;
  onChange: (instance: string | null) => void;
}) {
  const options = instanceOptions(instances);
  if (options === null) {
    return null;
  }
  const self = instances.find((i) => i.self)?.id ?? null;
  return (
    <Select
      label="Instance"
      data-testid="log-instance-select"
      data={options}
      value={value ?? self}
      onChange={(next) => onChange(next === null || next === self ? null : next)}
      allowDeselect={false}
      w={{ base: '100%', xs: 160 }}
      size="xs"
    />
  );
}
