import { Group, Pagination, Select, Text } from '@mantine/core';

const PAGE_SIZES = ['10', '25', '50', '100'];

/** Under a server-paged table: "1–25 of 80" (or `emptyLabel`), rows per page and the page links. */
export function TablePager({
  total,
  page,
  pageSize,
  emptyLabel,
  paginationLabel,
  onPageChange,
  onPageSizeChange,
}: {
  total: number;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Shown instead of the range when there are no rows: "No admins". */
  emptyLabel: string;
  /** Accessible name of the page links: "Admins pages". */
  paginationLabel: string;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Text size="sm" c="dimmed">
        {total === 0 ? emptyLabel : `${first}–${last} of ${total}`}
      </Text>
      <Group gap="sm">
        <Select
          aria-label="Rows per page"
          data={PAGE_SIZES}
          value={String(pageSize)}
          onChange={(value) => value && onPageSizeChange(Number(value))}
          allowDeselect={false}
          w={80}
          size="xs"
        />
        <Pagination total={pages} value={page} onChange={onPageChange} size="sm" aria-label={paginationLabel} />
      </Group>
    </Group>
  );
}
