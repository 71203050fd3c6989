import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { IconBell, IconCheck, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { RowAction } from '@/components/row-action';
import { StreamStatusIndicator } from '@/components/stream-status';
import { relativeTime } from '@/lib/format';
import { useDeleteNotification } from '../api/delete-notification';
import { useLatestNotifications } from '../api/get-notifications';
import { useUnreadCount } from '../api/get-unread-count';
import { useMarkAllRead } from '../api/mark-all-read';
import { useMarkRead } from '../api/mark-read';
import { useNotificationStream } from '../hooks/use-notification-stream';
import { formatCount } from '../lib/format-count';
import { safeLink } from '../lib/safe-link';
import { NotificationLink } from './notification-link';
import { typeColor, type Notification } from '../types';

const LATEST = 10;

function NotificationRow({ notification }: { notification: Notification }) {
  const markRead = useMarkRead();
  const remove = useDeleteNotification();
  const unread = !notification.read_at;
  const link = safeLink(notification.data);
  return (
    <Group wrap="nowrap" align="flex-start" gap="xs" py={6} data-testid="notification-row">
      <Box
        w={8}
        h={8}
        mt={6}
        style={{ borderRadius: 8, flex: 'none' }}
        bg={unread ? `var(--mantine-color-${typeColor(notification.type)}-filled)` : 'transparent'}
      />
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={unread ? 600 : 400} truncate>
            {link ? <NotificationLink href={link}>{notification.title}</NotificationLink> : notification.title}
          </Text>
          <Badge size="xs" variant="light" color={typeColor(notification.type)}>
            {notification.type}
          </Badge>
        </Group>
        {notification.message && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {notification.message}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {relativeTime(notification.created_at)}
        </Text>
      </Box>
      {unread && (
        <RowAction
          tooltip="Mark read"
          icon={IconCheck}
          small
          loading={markRead.isPending}
          onClick={() => markRead.mutate(notification.id)}
        />
      )}
      <RowAction
        tooltip="Delete"
        icon={IconTrash}
        color="red"
        small
        loading={remove.isPending}
        onClick={() => remove.mutate(notification.id)}
      />
    </Group>
  );
}

export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const status = useNotificationStream();
  const unread = useUnreadCount().data?.unread ?? 0;
  const latest = useLatestNotifications(LATEST, opened);
  const markAll = useMarkAllRead();

  return (
    <Group gap={6}>
      <StreamStatusIndicator
        variant="icon"
        status={status}
        subject="notification"
        whileOffline="polling the unread count every 30 s"
        data-testid="stream-state"
      />
      <Popover width={380} position="bottom-end" shadow="md" opened={opened} onChange={setOpened}>
        <Popover.Target>
          <Indicator
            label={formatCount(unread)}
            size={18}
            color="red"
            disabled={unread === 0}
            offset={4}
            data-testid="unread-badge"
          >
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={`Notifications (${unread} unread)`}
              onClick={() => setOpened((o) => !o)}
            >
              <IconBell size={18} />
            </ActionIcon>
          </Indicator>
        </Popover.Target>
        <Popover.Dropdown p={0}>
          <Group justify="space-between" px="sm" py="xs">
            <Text fw={600} size="sm">
              Notifications
            </Text>
            <Button
              size="compact-xs"
              variant="subtle"
              disabled={unread === 0}
              loading={markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              Mark all read
            </Button>
          </Group>
          <Divider />
          <ScrollArea.Autosize mah={420} px="sm">
            {latest.isPending ? (
              <Group justify="center" p="md">
                <Loader size="sm" />
              </Group>
            ) : latest.isError ? (
              <Text c="red" size="sm" p="sm">
                {latest.error.message}
              </Text>
            ) : latest.data.notifications.length === 0 ? (
              <Text c="dimmed" size="sm" ta="center" p="md">
                No notifications
              </Text>
            ) : (
              <Stack gap={0}>
                {latest.data.notifications.map((n) => (
                  <NotificationRow key={n.id} notification={n} />
                ))}
              </Stack>
            )}
          </ScrollArea.Autosize>
          {markAll.isError && (
            <Text c="red" size="xs" px="sm" pb="xs">
              {markAll.error.message}
            </Text>
          )}
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
