import { Alert, Paper, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { TablePager } from './table-pager';
import { TableStatusRows } from './table-status-rows';

/**
 * A server-paged table in its frame: the header cells `head`, the rows (skeletons while the first page
 * loads, `emptyMessage` when there are none), the pager below; the error instead when loading failed.
 */
export function PagedTable({
  label,
  minWidth,
  columns,
  query,
  head,
  emptyMessage,
  children,
  total,
  page,
  pageSize,
  onPageChange,
  onPageSizeChange,
}: {
  /** The table's accessible name, plural: "Admins". */
  label: string;
  minWidth: number;
  columns: number;
  query: { error: Error | null; isPending: boolean; isFetching: boolean };
  head: ReactNode;
  emptyMessage: ReactNode;
  /** The rows. */
  children: ReactNode;
  total: number;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  if (query.error) {
    return (
      <Alert color="red" title={`Could not load ${label.toLowerCase()}`}>
        {query.error.message}
      </Alert>
    );
  }
  return (
    <>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped highlightOnHover verticalSpacing="sm" aria-label={label} aria-busy={query.isFetching}>
            <Table.Thead>
              <Table.Tr>{head}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableStatusRows columns={columns} loading={query.isPending} empty={total === 0}>
                {emptyMessage}
              </TableStatusRows>
              {children}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <TablePager
        total={total}
        page={page}
        pageSize={pageSize}
        emptyLabel={`No ${label.toLowerCase()}`}
        paginationLabel={`${label} pages`}
        onPageChange={onPageChange}
        onPageSizeChange={onPageSizeChange}
      />
    </>
  );
}
