import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A column header that sorts the table on the server; announces its state with aria-sort. */
export function SortHeader<K extends string>({
  column,
  label,
  sort,
  order,
  onSort,
  w,
}: {
  column: K;
  label: ReactNode;
  sort: K;
  order: 'asc' | 'desc';
  onSort: (column: K) => void;
  w?: number | string;
}) {
  const active = sort === column;
  const Icon = active ? (order === 'asc' ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th w={w} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
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
