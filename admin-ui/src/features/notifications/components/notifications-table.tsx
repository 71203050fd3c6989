import {
  Alert,
  Badge,
  Box,
  Button,
  Center,
  Checkbox,
  Group,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconBellOff, IconCheck, IconChecks, IconDownload, IconSend, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { RelativeTime } from '@/components/relative-time';
import { RowAction } from '@/components/row-action';
import { SortHeader } from '@/components/sort-header';
import { TablePager } from '@/components/table-pager';
import { dateTime } from '@/lib/format';
import { selectedRowBg, useRowSelection } from '@/lib/use-row-selection';
import { useBulkDeleteNotifications } from '../api/bulk-delete-notifications';
import { useDeleteNotification } from '../api/delete-notification';
import { useExportNotifications } from '../api/export-notifications';
import { useNotificationList } from '../api/get-notifications';
import { useMarkAllRead } from '../api/mark-all-read';
import { useMarkRead } from '../api/mark-read';
import { safeLink } from '../lib/safe-link';
import { NotificationLink } from './notification-link';
import { typeColor, type Notification, type NotificationListParams, type NotificationSort } from '../types';
import { SendNotificationModal } from './send-notification-modal';

function Row({
  notification,
  selected,
  onSelect,
  onDelete,
}: {
  notification: Notification;
  selected: boolean;
  onSelect: () => void;
  onDelete: () => void;
}) {
  const markRead = useMarkRead();
  const unread = !notification.read_at;
  const link = safeLink(notification.data);
  return (
    <Table.Tr data-testid="notification-list-row" data-unread={unread} bg={selectedRowBg(selected)}>
      <Table.Td w={40}>
        <Checkbox aria-label={`Select notification ${notification.title}`} checked={selected} onChange={onSelect} />
      </Table.Td>
      <Table.Td visibleFrom="sm">
        <Text size="sm" c="dimmed">
          {notification.id}
        </Text>
      </Table.Td>
      <Table.Td style={{ minWidth: 220 }}>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <Box
            w={8}
            h={8}
            mt={7}
            style={{ borderRadius: 8, flex: 'none' }}
            aria-hidden
            bg={unread ? `var(--mantine-color-${typeColor(notification.type)}-filled)` : 'transparent'}
          />
          <Box style={{ minWidth: 0 }}>
            <Text size="sm" fw={unread ? 600 : 400}>
              {link ? <NotificationLink href={link}>{notification.title}</NotificationLink> : notification.title}
            </Text>
            {notification.message && (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {notification.message}
              </Text>
            )}
          </Box>
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={typeColor(notification.type)} style={{ flexShrink: 0 }} miw={80}>
          {notification.type}
        </Badge>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <RelativeTime iso={notification.created_at} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }} visibleFrom="sm">
        {unread ? (
          <Badge size="sm" variant="dot" color="blue">
            Unread
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {dateTime(notification.read_at)}
          </Text>
        )}
      </Table.Td>
      <Table.Td w={90}>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {unread && (
            <RowAction
              tooltip="Mark read"
              icon={IconCheck}
              loading={markRead.isPending}
              onClick={() => markRead.mutate(notification.id)}
            />
          )}
          <RowAction tooltip="Delete" icon={IconTrash} color="red" onClick={onDelete} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The admin's notifications: paged table with filter, sort, read/delete per row, bulk delete, CSV export,
 * and (with `canSend`, scope admin:notifications) the "Send notification" form. Live: the notification
 * stream (see useNotificationStream, run by the bell in every tab) updates this list's cached pages.
 */
export function NotificationsTable({ canSend }: { canSend: boolean }) {
  const [params, setParams] = useState<NotificationListParams>({
    limit: 25,
    offset: 0,
    unread: false,
    sort: 'id',
    order: 'desc',
  });
  const [confirmDelete, setConfirmDelete] = useState<Notification | null>(null);
  const [confirmBulk, setConfirmBulk] = useState(false);
  const [sendOpen, setSendOpen] = useState(false);

  const list = useNotificationList(params);
  const markAll = useMarkAllRead();
  const remove = useDeleteNotification();
  const bulkDelete = useBulkDeleteNotifications();
  const exportCsv = useExportNotifications();

  const rows = useMemo(() => list.data?.notifications ?? [], [list.data]);
  const total = list.data?.total ?? 0;
  const unread = list.data?.unread ?? 0;
  const page = Math.floor(params.offset / params.limit) + 1;

  // Rows that went away (deleted here, in another tab, or filtered out) leave the selection.
  const selection = useRowSelection(rows.map((r) => r.id));

  // After deletes the current page may lie beyond the end: step back to the last page.
  if (list.data && !list.isPlaceholderData && total > 0 && params.offset >= total) {
    setParams((p) => ({ ...p, offset: Math.max(0, (Math.ceil(total / p.limit) - 1) * p.limit) }));
  }

  const update = (patch: Partial<NotificationListParams>) => {
    setParams((p) => ({ ...p, offset: 0, ...patch }));
    selection.clear();
  };

  const onSort = (column: NotificationSort) =>
    update({
      sort: column,
      order: params.sort === column ? (params.order === 'asc' ? 'desc' : 'asc') : column === 'type' ? 'asc' : 'desc',
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Notifications</Title>
          <Text size="sm" c="dimmed">
            {list.data ? `${unread} unread` : ' '}
          </Text>
        </div>
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconChecks size={16} />}
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, {
                onSuccess: (r) =>
                  toasts.show({
                    color: 'green',
                    message: `Marked ${r.marked} notification${r.marked === 1 ? '' : 's'} read`,
                  }),
              })
            }
          >
            Mark all read
          </Button>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            loading={exportCsv.isPending}
            onClick={() => exportCsv.mutate({ unread: params.unread, sort: params.sort, order: params.order })}
          >
            Export CSV
          </Button>
          {canSend && (
            <Button leftSection={<IconSend size={16} />} onClick={() => setSendOpen(true)}>
              Send notification
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder radius="md">
        <Group justify="space-between" px="md" py="sm" gap="sm" mih={56}>
          <Switch
            label="Unread only"
            checked={params.unread}
            onChange={(e) => update({ unread: e.currentTarget.checked })}
          />
          {selection.ids.length > 0 ? (
            <Group gap="xs">
              <Text size="sm">{selection.ids.length} selected</Text>
              <Button size="xs" variant="subtle" onClick={selection.clear}>
                Clear selection
              </Button>
              <Button size="xs" color="red" leftSection={<IconTrash size={14} />} onClick={() => setConfirmBulk(true)}>
                Delete selected
              </Button>
            </Group>
          ) : (
            list.isFetching && !list.isPending && <Loader size="xs" aria-label="Refreshing" />
          )}
        </Group>

        {list.isError ? (
          <Alert color="red" m="md" title="Could not load notifications">
            <Group justify="space-between">
              <Text size="sm">{list.error.message}</Text>
              <Button size="xs" variant="light" color="red" onClick={() => list.refetch()}>
                Retry
              </Button>
            </Group>
          </Alert>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox aria-label="Select all on this page" {...selection.headerCheckbox} />
                  </Table.Th>
                  <SortHeader
                    column="id"
                    label="ID"
                    sort={params.sort}
                    order={params.order}
                    onSort={onSort}
                    w={70}
                    visibleFrom="sm"
                  />
                  <Table.Th>Notification</Table.Th>
                  <SortHeader
                    column="type"
                    label="Type"
                    sort={params.sort}
                    order={params.order}
                    onSort={onSort}
                    w={120}
                  />
                  <SortHeader
                    column="created_at"
                    label="Created"
                    sort={params.sort}
                    order={params.order}
                    onSort={onSort}
                  />
                  <Table.Th visibleFrom="sm">Read</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.isPending ? (
                  Array.from({ length: 5 }, (_, i) => (
                    <Table.Tr key={i}>
                      <Table.Td colSpan={7}>
                        <Skeleton h={28} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                ) : rows.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <Center py="xl">
                        <Stack align="center" gap={4}>
                          <IconBellOff size={32} opacity={0.5} />
                          <Text c="dimmed">{params.unread ? 'No unread notifications' : 'No notifications'}</Text>
                        </Stack>
                      </Center>
                    </Table.Td>
                  </Table.Tr>
                ) : (
                  rows.map((n) => (
                    <Row
                      key={n.id}
                      notification={n}
                      selected={selection.has(n.id)}
                      onSelect={() => selection.toggle(n.id)}
                      onDelete={() => setConfirmDelete(n)}
                    />
                  ))
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}

        <TablePager
          p="sm"
          total={total}
          page={page}
          pageSize={params.limit}
          paginationLabel="Notifications pages"
          onPageChange={(p) => {
            setParams((s) => ({ ...s, offset: (p - 1) * s.limit }));
            selection.clear();
          }}
          onPageSizeChange={(limit) => update({ limit })}
        />
      </Paper>

      <ConfirmModal
        opened={confirmDelete !== null}
        title="Delete notification?"
        confirmLabel="Delete"
        loading={remove.isPending}
        onClose={() => setConfirmDelete(null)}
        onConfirm={() =>
          confirmDelete &&
          remove.mutate(confirmDelete.id, {
            onSuccess: () => {
              toasts.show({ color: 'green', message: 'Notification deleted' });
              setConfirmDelete(null);
            },
          })
        }
      >
        “{confirmDelete?.title}” will be deleted. This cannot be undone.
      </ConfirmModal>

      <ConfirmModal
        opened={confirmBulk}
        title={`Delete ${selection.ids.length} notification${selection.ids.length === 1 ? '' : 's'}?`}
        confirmLabel="Delete"
        loading={bulkDelete.isPending}
        onClose={() => setConfirmBulk(false)}
        onConfirm={() =>
          bulkDelete.mutate(selection.ids, {
            onSuccess: (r) => {
              toasts.show({
                color: 'green',
                message: `${r.affected} notification${r.affected === 1 ? '' : 's'} deleted`,
              });
              selection.clear();
              setConfirmBulk(false);
            },
          })
        }
      >
        The {selection.ids.length} selected notification{selection.ids.length === 1 ? '' : 's'} will be deleted. This
        cannot be undone.
      </ConfirmModal>

      {canSend && <SendNotificationModal opened={sendOpen} onClose={() => setSendOpen(false)} />}
    </Stack>
  );
}
