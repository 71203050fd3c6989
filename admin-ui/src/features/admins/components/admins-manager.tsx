import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconDotsVertical,
  IconDownload,
  IconPencil,
  IconPlayerPlay,
  IconPlayerPause,
  IconPlus,
  IconSearch,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { PagedTable } from '@/components/paged-table';
import { RelativeTime } from '@/components/relative-time';
import { RowAction } from '@/components/row-action';
import { SortHeader } from '@/components/sort-header';
import { isForbidden } from '@/lib/api-client';
import { usePage } from '@/lib/use-page';
import { selectedRowBg, useRowSelection } from '@/lib/use-row-selection';
import { useBulkDeleteAdmins } from '../api/bulk-delete-admins';
import { useDeleteAdmin } from '../api/delete-admin';
import { useExportAdmins } from '../api/export-admins';
import { useAdmins } from '../api/get-admins';
import { useLastLogins } from '../api/get-last-logins';
import { useToggleAdminActive } from '../api/update-admin';
import { roleColor, type AdminAccount, type AdminSort, type SortOrder } from '../types';
import { AdminFormModal } from './admin-form-modal';

type Pending = { kind: 'delete'; admin: AdminAccount } | { kind: 'bulk'; ids: number[] } | null;

/**
 * The admin accounts table: server-side search, sort and paging; create, edit, (de)activate, delete,
 * bulk delete and CSV export for callers that may manage admins.
 */
export function AdminsManager({
  currentAdminId,
  canManage,
  canSeeSessions,
}: {
  currentAdminId: number | null;
  /** Scope admin:admins: without it no control is shown (the API would answer 403 anyway). */
  canManage: boolean;
  /** Scope admin:sessions: the last-login column reads the live sessions. */
  canSeeSessions: boolean;
}) {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [sort, setSort] = useState<AdminSort>('id');
  const [order, setOrder] = useState<SortOrder>('asc');
  const [pageSize, setPageSize] = useState(25);
  const [page, setPage] = usePage([debouncedSearch, sort, order, pageSize]);
  const [editing, setEditing] = useState<AdminAccount | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [pending, setPending] = useState<Pending>(null);

  const params = { search: debouncedSearch, sort, order, limit: pageSize, offset: (page - 1) * pageSize };
  const admins = useAdmins(params);
  const lastLogins = useLastLogins(canSeeSessions);
  const remove = useDeleteAdmin();
  const bulkRemove = useBulkDeleteAdmins();
  const toggle = useToggleAdminActive();
  const exportCsv = useExportAdmins();

  const rows = admins.data?.admins ?? [];
  const total = admins.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (admins.data && page > pages) {
    // After deletes the page may lie beyond the end: step back to the last one.
    setPage(pages);
  }

  const selection = useRowSelection(rows.filter((a) => a.id !== currentAdminId).map((a) => a.id));

  const onSort = (column: AdminSort) => {
    if (column === sort) {
      setOrder(order === 'asc' ? 'desc' : 'asc');
    } else {
      setSort(column);
      setOrder('asc');
    }
  };

  const openCreate = () => {
    setEditing(null);
    setFormOpen(true);
  };
  const openEdit = (admin: AdminAccount) => {
    setEditing(admin);
    setFormOpen(true);
  };

  const setActive = (admin: AdminAccount, active: boolean) =>
    toggle.mutate(
      { id: admin.id, active },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            title: active ? 'Admin activated' : 'Admin deactivated',
            message: active ? admin.email : `${admin.email} was signed out of every session`,
          }),
      },
    );

  const confirm = () => {
    if (pending?.kind === 'delete') {
      remove.mutate(pending.admin.id, {
        onSuccess: () => {
          notifications.show({ color: 'green', title: 'Admin deleted', message: pending.admin.email });
          setPending(null);
        },
      });
    } else if (pending?.kind === 'bulk') {
      bulkRemove.mutate(pending.ids, {
        onSuccess: ({ affected }) => {
          notifications.show({ color: 'green', title: 'Admins deleted', message: `${affected} deleted` });
          selection.clear();
          setPending(null);
        },
      });
    }
  };

  const forbidden = isForbidden(admins.error);
  if (forbidden) {
    // The role lacks the scope: nothing to filter, nothing to change.
    return (
      <Alert color="red" title="No access">
        Your role may not manage admin accounts.
      </Alert>
    );
  }
  const columns = canManage ? 8 : 6;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          label="Search"
          placeholder="Email or name"
          leftSection={<IconSearch size={16} />}
          rightSection={
            search ? (
              <ActionIcon variant="subtle" color="gray" aria-label="Clear" onClick={() => setSearch('')}>
                <IconX size={14} />
              </ActionIcon>
            ) : null
          }
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', xs: 320 }}
        />
        <Group gap="sm">
          {canManage && selection.ids.length > 0 && (
            <Button
              color="red"
              variant="light"
              leftSection={<IconTrash size={16} />}
              onClick={() => setPending({ kind: 'bulk', ids: selection.ids })}
            >
              Delete selected ({selection.ids.length})
            </Button>
          )}
          {canManage && (
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={exportCsv.isPending}
              onClick={() => exportCsv.mutate({ search: debouncedSearch, sort, order })}
            >
              Export CSV
            </Button>
          )}
          {canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={openCreate}>
              New admin
            </Button>
          )}
        </Group>
      </Group>

      <PagedTable
        label="Admins"
        minWidth={900}
        columns={columns}
        query={admins}
        total={total}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={setPageSize}
        emptyMessage={debouncedSearch ? `No admin matches “${debouncedSearch}”.` : 'No admins yet.'}
        head={
          <>
            {canManage && (
              <Table.Th w={40}>
                <Checkbox aria-label="Select all admins on this page" {...selection.headerCheckbox} />
              </Table.Th>
            )}
            <SortHeader column="email" label="Email" sort={sort} order={order} onSort={onSort} />
            <SortHeader column="name" label="Name" sort={sort} order={order} onSort={onSort} />
            <SortHeader column="role" label="Role" sort={sort} order={order} onSort={onSort} />
            <SortHeader column="is_active" label="Status" sort={sort} order={order} onSort={onSort} />
            <Table.Th>
              <Tooltip
                label="Start of the newest session that is still live; older logins are not recorded"
                multiline
                w={260}
              >
                <Text fw={700} size="sm" span style={{ textDecoration: 'underline dotted' }}>
                  Last login
                </Text>
              </Tooltip>
            </Table.Th>
            <SortHeader column="created_at" label="Created" sort={sort} order={order} onSort={onSort} />
            {canManage && (
              <Table.Th w={110}>
                <Text fw={700} size="sm">
                  Actions
                </Text>
              </Table.Th>
            )}
          </>
        }
      >
        {rows.map((admin) => {
          const self = admin.id === currentAdminId;
          const login = lastLogins.data?.[admin.id];
          return (
            <Table.Tr key={admin.id} data-testid="admin-row" bg={selectedRowBg(selection.has(admin.id))}>
              {canManage && (
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${admin.email}`}
                    checked={selection.has(admin.id)}
                    disabled={self}
                    onChange={() => selection.toggle(admin.id)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {admin.email}
                  </Text>
                  {self && (
                    <Badge size="xs" variant="outline">
                      you
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={admin.name ? undefined : 'dimmed'}>
                  {admin.name || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={roleColor(admin.role)} variant="light">
                  {admin.role}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Badge color={admin.is_active ? 'green' : 'gray'} variant={admin.is_active ? 'light' : 'outline'}>
                  {admin.is_active ? 'active' : 'inactive'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={login} />
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={admin.created_at} />
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <RowAction
                      tooltip="Edit"
                      label={`Edit ${admin.email}`}
                      icon={IconPencil}
                      onClick={() => openEdit(admin)}
                    />
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${admin.email}`}>
                          <IconDotsVertical size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        {admin.is_active ? (
                          <Menu.Item
                            leftSection={<IconPlayerPause size={14} />}
                            disabled={self}
                            onClick={() => setActive(admin, false)}
                          >
                            Deactivate
                          </Menu.Item>
                        ) : (
                          <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={() => setActive(admin, true)}>
                            Activate
                          </Menu.Item>
                        )}
                        <Menu.Divider />
                        <Menu.Item
                          color="red"
                          leftSection={<IconTrash size={14} />}
                          disabled={self}
                          onClick={() => setPending({ kind: 'delete', admin })}
                        >
                          Delete
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </PagedTable>

      {canManage && (
        <>
          <AdminFormModal
            opened={formOpen}
            admin={editing}
            isSelf={editing?.id === currentAdminId}
            onClose={() => setFormOpen(false)}
          />
          <ConfirmModal
            opened={pending !== null}
            title={pending?.kind === 'bulk' ? `Delete ${pending.ids.length} admins?` : 'Delete admin?'}
            confirmLabel="Delete"
            loading={remove.isPending || bulkRemove.isPending}
            onConfirm={confirm}
            onClose={() => setPending(null)}
          >
            {pending?.kind === 'delete' && (
              <>
                <b>{pending.admin.email}</b> will be deleted and signed out of every session.
              </>
            )}
            {pending?.kind === 'bulk' && <>The selected admins will be deleted and signed out of every session.</>}
          </ConfirmModal>
        </>
      )}
    </Stack>
  );
}
