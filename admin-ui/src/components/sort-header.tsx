import { Group, Table, Text, UnstyledButton, type MantineBreakpoint } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export type SortOrder = 'asc' | 'desc';

/** A column header that sorts the table on the server; announces its state with aria-sort. */
export function SortHeader<K extends string>({
  column,
  label,
  sort,
  order,
  onSort,
  w,
  visibleFrom,
}: {
  column: K;
  label: ReactNode;
  sort: K;
  order: SortOrder;
  onSort: (column: K) => void;
  w?: number | string;
  visibleFrom?: MantineBreakpoint;
}) {
  const active = sort === column;
  const Icon = active ? (order === 'asc' ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th
      w={w}
      visibleFrom={visibleFrom}
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <UnstyledButton
        onClick={() => onSort(column)}
        aria-label={`Sort by ${typeof label === 'string' ? label : column}`}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} stroke={1.5} opacity={active ? 1 : 0.5} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
