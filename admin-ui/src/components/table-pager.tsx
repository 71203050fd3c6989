import { Group, Pagination, Select, Text, type MantineSpacing } from '@mantine/core';

const PAGE_SIZES = ['10', '25', '50', '100'];

/**
 * Under a server-paged table: "1–25 of 80" (or `emptyLabel`), rows per page (when the size can change)
 * and the page links.
 */
export function TablePager({
  total,
  page,
  pageSize,
  emptyLabel = 'No rows',
  paginationLabel,
  onPageChange,
  onPageSizeChange,
  p,
}: {
  total: number;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Shown instead of the range when there are no rows: "No admins". */
  emptyLabel?: string;
  /** Accessible name of the page links: "Admins pages". */
  paginationLabel: string;
  onPageChange: (page: number) => void;
  /** Without it the page size is fixed and no choice is shown. */
  onPageSizeChange?: (pageSize: number) => void;
  p?: MantineSpacing;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, pages);
  const first = total === 0 ? 0 : (current - 1) * pageSize + 1;
  const last = Math.min(total, current * pageSize);
  return (
    <Group justify="space-between" wrap="wrap" gap="sm" p={p}>
      <Text size="sm" c="dimmed">
        {total === 0 ? emptyLabel : `${first}–${last} of ${total.toLocaleString()}`}
      </Text>
      <Group gap="sm">
        {onPageSizeChange && (
          <Select
            aria-label="Rows per page"
            data={PAGE_SIZES}
            value={String(pageSize)}
            onChange={(value) => value && onPageSizeChange(Number(value))}
            allowDeselect={false}
            w={80}
            size="xs"
          />
        )}
        <Pagination
          total={pages}
          value={current}
          onChange={onPageChange}
          disabled={total === 0}
          size="sm"
          aria-label={paginationLabel}
          getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
          getControlProps={(control) => ({ 'aria-label': `${control[0].toUpperCase()}${control.slice(1)} page` })}
        />
      </Group>
    </Group>
  );
}
