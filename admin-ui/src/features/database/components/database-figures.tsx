import { Alert, Group, Paper, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { IconDatabase, IconDeviceFloppy, IconFileStack, IconRecycle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatBytes } from '@/lib/format';
import { useDatabase } from '../api/get-database';

function Figure({
  label,
  value,
  hint,
  icon,
  color,
}: {
  label: string;
  value?: string;
  hint?: string;
  icon: ReactNode;
  color: string;
}) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`figure-${label.toLowerCase().replace(/\W+/g, '-')}`}>
      <Text size="xs" c="dimmed" fw={600} truncate title={label}>
        {label}
      </Text>
      <Group justify="space-between" wrap="nowrap" gap="xs" mt={4}>
        {value === undefined ? (
          <Skeleton h={28} w="50%" />
        ) : (
          <Text fz={24} fw={700} lh={1.1} aria-label={`${label}: ${value}`}>
            {value}
          </Text>
        )}
        <ThemeIcon variant="light" color={color} size="md" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
      </Group>
      {hint && (
        <Text size="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** File sizes, reclaimable space and disk space, with the SQLite details underneath. */
export function DatabaseFigures() {
  const database = useDatabase();
  const f = database.data?.figures;
  if (database.isError && !f) {
    return (
      <Alert color="red" title="Could not load the database figures">
        {database.error.message}
      </Alert>
    );
  }
  return (
    <div>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Figure
          label="Database file"
          value={f && formatBytes(f.database_bytes)}
          hint={
            f &&
            `${f.page_count.toLocaleString('en-US')} pages of ${formatBytes(f.page_size)}` +
              // Until a checkpoint copies them over, newer pages live only in the WAL.
              (f.page_count * f.page_size > f.database_bytes ? ', some still in the WAL' : '')
          }
          icon={<IconDatabase size={18} />}
          color="blue"
        />
        <Figure
          label="Write-ahead log"
          value={f && formatBytes(f.wal_bytes)}
          hint={f && `index ${formatBytes(f.shm_bytes)}`}
          icon={<IconFileStack size={18} />}
          color="cyan"
        />
        <Figure
          label="Reclaimable"
          value={f && formatBytes(f.reclaimable_bytes)}
          hint={f && `${f.freelist_count.toLocaleString('en-US')} free pages; VACUUM gives them back`}
          icon={<IconRecycle size={18} />}
          color="grape"
        />
        <Figure
          label="Disk free"
          value={f && formatBytes(f.disk_free_bytes)}
          hint={f && `VACUUM needs up to ${formatBytes(f.vacuum_needs_bytes)}`}
          icon={<IconDeviceFloppy size={18} />}
          color={f && f.disk_free_bytes < f.vacuum_needs_bytes ? 'red' : 'green'}
        />
      </SimpleGrid>
      {f && (
        <Text size="sm" c="dimmed" mt="xs" data-testid="sqlite-details">
          SQLite {f.sqlite_version}, journal mode {f.journal_mode}
        </Text>
      )}
    </div>
  );
}
