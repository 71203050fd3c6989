import { Alert, Anchor, Code, Group, Paper, Skeleton, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { RelativeTime } from '@/components/relative-time';
import { isForbidden } from '@/lib/api-client';
import { useRecentAudit } from '../api/get-recent-audit';
import type { AuditEntry } from '../types';

const who = (e: AuditEntry) =>
  e.admin_name || e.admin_email || (e.admin_id != null ? `admin #${e.admin_id}` : 'system');

const target = (e: AuditEntry) => [e.entity_type, e.entity_id].filter(Boolean).join(' ') || '—';

/** The newest audit entries. Renders nothing for admins without the admin:audit scope (403). */
export function RecentAudit({ limit = 10, enabled = true }: { limit?: number; enabled?: boolean }) {
  const audit = useRecentAudit(limit, enabled);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);

  if (!enabled || isForbidden(audit.error)) {
    return null;
  }

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid="dashboard-recent-audit"
      role="region"
      aria-label="Recent activity"
    >
      <Group justify="space-between" mb="sm">
        <Title order={4} fz="md">
          Recent activity
        </Title>
        <Anchor component={Link} to="/audit" size="sm">
          View all
        </Anchor>
      </Group>
      {audit.isError && audit.data && (
        <Text size="xs" c="red" mb="xs" role="status">
          Could not refresh: {audit.error.message}
        </Text>
      )}
      {audit.isPending ? (
        <Skeleton h={160} />
      ) : !audit.data ? (
        <Alert color="red" title="Could not load the audit log">
          {audit.error?.message}
        </Alert>
      ) : audit.data.entries.length === 0 ? (
        <Text size="sm" c="dimmed" py="md" ta="center">
          No audit entries yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Who</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th ta="right">When</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.data.entries.map((entry) => (
                <Table.Tr key={entry.id} data-testid="recent-audit-row">
                  <Table.Td>
                    <Text size="sm" truncate maw={220} title={entry.admin_email ?? undefined}>
                      {who(entry)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{entry.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" truncate maw={260}>
                      {target(entry)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <RelativeTime iso={entry.created_at} now={Math.max(now, audit.dataUpdatedAt)} c="dimmed" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
