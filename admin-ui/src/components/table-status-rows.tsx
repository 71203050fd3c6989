import { Skeleton, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * What a table body shows instead of rows: skeleton rows while the first page loads, then `empty` when
 * there are no rows. Renders nothing once rows are there.
 */
export function TableStatusRows({
  columns,
  loading,
  empty,
  skeletons = 5,
  children,
}: {
  columns: number;
  loading: boolean;
  empty: boolean;
  skeletons?: number;
  /** The empty message. */
  children: ReactNode;
}) {
  if (loading) {
    return Array.from({ length: skeletons }, (_, i) => (
      <Table.Tr key={i}>
        <Table.Td colSpan={columns}>
          <Skeleton h={20} />
        </Table.Td>
      </Table.Tr>
    ));
  }
  if (!empty) {
    return null;
  }
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Text c="dimmed" ta="center" py="lg">
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
