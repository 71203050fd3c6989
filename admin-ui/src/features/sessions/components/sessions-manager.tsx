import { Alert, Button, Checkbox, Group, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { PagedTable } from '@/components/paged-table';
import { RowAction } from '@/components/row-action';
import { CurrentSessionBadge, SessionCells } from '@/components/session-cells';
import { SortHeader } from '@/components/sort-header';
import { useAdminOptions } from '@/lib/admin-options';
import { isForbidden } from '@/lib/api-client';
import { usePage } from '@/lib/use-page';
import { selectedRowBg, useRowSelection } from '@/lib/use-row-selection';
import { parseUserAgent } from '@/lib/user-agent';
import { useSessions } from '../api/get-sessions';
import { useBulkRevokeSessions } from '../api/bulk-revoke-sessions';
import { useRevokeSession } from '../api/revoke-session';
import type { Session, SessionSort, SortOrder } from '../types';

type Pending = { kind: 'one'; session: Session } | { kind: 'bulk'; sessions: Session[] } | null;

/** Every admin's live sessions: filter by admin, sort, page, revoke one or many. */
export function SessionsManager({
  canListAdmins,
}: {
  /** Scope admin:admins: the admin filter lists every account, else the admins seen in the sessions. */
  canListAdmins: boolean;
}) {
  const [adminId, setAdminId] = useState<number | undefined>();
  const [sort, setSort] = useState<SessionSort>('created_at');
  const [order, setOrder] = useState<SortOrder>('desc');
  const [pageSize, setPageSize] = useState(25);
  const [page, setPage] = usePage([adminId, sort, order, pageSize]);
  const [pending, setPending] = useState<Pending>(null);

  const sessions = useSessions({ admin_id: adminId, sort, order, limit: pageSize, offset: (page - 1) * pageSize });
  const adminOptions = useAdminOptions(canListAdmins);
  const revoke = useRevokeSession();
  const bulkRevoke = useBulkRevokeSessions();

  const rows = sessions.data?.sessions ?? [];
  const total = sessions.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (sessions.data && page > pages) {
    // After revokes the page may lie beyond the end: step back to the last one.
    setPage(pages);
  }

  // The filter's choices: every account when we may list them, plus whoever appears in the sessions.
  const [seen, setSeen] = useState<Map<number, string>>(new Map());
  const unseen = rows.filter((s) => !seen.has(s.admin_id));
  if (unseen.length > 0) {
    setSeen(new Map([...seen, ...unseen.map((s) => [s.admin_id, s.email] as const)]));
  }
  const filterOptions = useMemo(() => {
    const byId = new Map(seen);
    adminOptions.data?.forEach((a) => byId.set(a.id, a.email));
    return [...byId.entries()]
      .sort((a, b) => a[1].localeCompare(b[1]))
      .map(([id, email]) => ({ value: String(id), label: email }));
  }, [seen, adminOptions.data]);

  const onSort = (column: SessionSort) => {
    if (column === sort) {
      setOrder(order === 'asc' ? 'desc' : 'asc');
    } else {
      setSort(column);
      setOrder(column === 'admin_id' ? 'asc' : 'desc');
    }
  };

  const selection = useRowSelection(rows.map((s) => s.id));
  const pendingSessions = pending?.kind === 'one' ? [pending.session] : (pending?.sessions ?? []);
  const includesCurrent = pendingSessions.some((s) => s.current);

  const confirm = () => {
    if (pending?.kind === 'one') {
      revoke.mutate(pending.session.id, {
        onSuccess: () => {
          notifications.show({ color: 'green', title: 'Session revoked', message: pending.session.email });
          setPending(null);
        },
      });
    } else if (pending?.kind === 'bulk') {
      bulkRevoke.mutate(
        pending.sessions.map((s) => s.id),
        {
          onSuccess: ({ affected }) => {
            notifications.show({ color: 'green', title: 'Sessions revoked', message: `${affected} revoked` });
            selection.clear();
            setPending(null);
          },
        },
      );
    }
  };

  const forbidden = isForbidden(sessions.error);
  if (forbidden) {
    // The role lacks the scope: nothing to filter, nothing to change.
    return (
      <Alert color="red" title="No access">
        Your role may not manage sessions.
      </Alert>
    );
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Select
          label="Admin"
          placeholder="All admins"
          data={filterOptions}
          value={adminId !== undefined ? String(adminId) : null}
          onChange={(value) => setAdminId(value ? Number(value) : undefined)}
          clearable
          searchable
          nothingFoundMessage="No such admin"
          w={{ base: '100%', xs: 300 }}
        />
        {selection.ids.length > 0 && (
          <Button
            color="red"
            variant="light"
            leftSection={<IconLogout size={16} />}
            onClick={() => setPending({ kind: 'bulk', sessions: rows.filter((s) => selection.has(s.id)) })}
          >
            Revoke selected ({selection.ids.length})
          </Button>
        )}
      </Group>

      <PagedTable
        label="Sessions"
        minWidth={960}
        columns={8}
        query={sessions}
        total={total}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={setPageSize}
        emptyMessage={adminId !== undefined ? 'This admin has no live session.' : 'No live sessions.'}
        head={
          <>
            <Table.Th w={40}>
              <Checkbox aria-label="Select all sessions on this page" {...selection.headerCheckbox} />
            </Table.Th>
            <SortHeader column="admin_id" label="Admin" sort={sort} order={order} onSort={onSort} />
            <Table.Th>Device</Table.Th>
            <Table.Th>IP address</Table.Th>
            <SortHeader column="created_at" label="Signed in" sort={sort} order={order} onSort={onSort} />
            <SortHeader column="last_used_at" label="Last seen" sort={sort} order={order} onSort={onSort} />
            <SortHeader column="expires_at" label="Expires" sort={sort} order={order} onSort={onSort} />
            <Table.Th w={60}>
              <Text fw={700} size="sm">
                Revoke
              </Text>
            </Table.Th>
          </>
        }
      >
        {rows.map((session) => {
          const device = parseUserAgent(session.user_agent);
          return (
            <Table.Tr key={session.id} data-testid="session-row" bg={selectedRowBg(selection.has(session.id))}>
              <Table.Td>
                <Checkbox
                  aria-label={`Select session ${device.label} of ${session.email}`}
                  checked={selection.has(session.id)}
                  onChange={() => selection.toggle(session.id)}
                />
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <div>
                    <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {session.email}
                    </Text>
                    {session.name && (
                      <Text size="xs" c="dimmed">
                        {session.name}
                      </Text>
                    )}
                  </div>
                  {session.current && <CurrentSessionBadge />}
                </Group>
              </Table.Td>
              <SessionCells session={session} />
              <Table.Td>
                <RowAction
                  tooltip={session.current ? 'Revoke (signs you out)' : 'Revoke'}
                  label={`Revoke session ${device.label} of ${session.email}`}
                  icon={IconLogout}
                  color="red"
                  onClick={() => setPending({ kind: 'one', session })}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </PagedTable>

      <ConfirmModal
        opened={pending !== null}
        title={pending?.kind === 'bulk' ? `Revoke ${pending.sessions.length} sessions?` : 'Revoke session?'}
        confirmLabel="Revoke"
        loading={revoke.isPending || bulkRevoke.isPending}
        onConfirm={confirm}
        onClose={() => setPending(null)}
      >
        {pending?.kind === 'one' && (
          <>
            {pending.session.email} on {parseUserAgent(pending.session.user_agent).label} will be signed out at once.
          </>
        )}
        {pending?.kind === 'bulk' && <>The selected sessions will be signed out at once.</>}
        {includesCurrent && (
          <Text size="sm" c="red" fw={500} mt="sm">
            This includes your current session: you will be signed out too.
          </Text>
        )}
      </ConfirmModal>
    </Stack>
  );
}
