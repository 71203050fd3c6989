import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { RowAction } from '@/components/row-action';
import { CurrentSessionBadge, SessionCells } from '@/components/session-cells';
import { TableStatusRows } from '@/components/table-status-rows';
import { parseUserAgent } from '@/lib/user-agent';
import { useOwnSessions } from '../api/get-own-sessions';
import { useRevokeOtherSessions, useRevokeOwnSession } from '../api/revoke-own-session';
import type { OwnSession } from '../types';

type Pending = { kind: 'one'; session: OwnSession } | { kind: 'others'; ids: string[] } | null;

/** The caller's own live sessions; revoke one, or every one but this. */
export function OwnSessions() {
  const sessions = useOwnSessions();
  const revoke = useRevokeOwnSession();
  const revokeOthers = useRevokeOtherSessions();
  const [pending, setPending] = useState<Pending>(null);

  const rows = sessions.data?.sessions ?? [];
  const others = rows.filter((s) => !s.current).map((s) => s.id);

  const confirm = () => {
    if (pending?.kind === 'one') {
      revoke.mutate(pending.session.id, {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            title: 'Session revoked',
            message: parseUserAgent(pending.session.user_agent).label,
          });
          setPending(null);
        },
      });
    } else if (pending?.kind === 'others') {
      revokeOthers.mutate(pending.ids, {
        onSuccess: (count) => {
          notifications.show({
            color: 'green',
            title: 'Signed out',
            message: `${count} other session${count === 1 ? '' : 's'} ended`,
          });
          setPending(null);
        },
      });
    }
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <div>
            <Title order={3} size="h4">
              Your sessions
            </Title>
            <Text size="sm" c="dimmed">
              Devices signed in to your account
            </Text>
          </div>
          <Button
            variant="light"
            color="red"
            leftSection={<IconLogout size={16} />}
            disabled={others.length === 0}
            onClick={() => setPending({ kind: 'others', ids: others })}
          >
            Sign out other sessions
          </Button>
        </Group>
        {sessions.isError ? (
          <Alert color="red" title="Could not load your sessions">
            {sessions.error.message}
          </Alert>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label="Your sessions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Device</Table.Th>
                  <Table.Th>IP address</Table.Th>
                  <Table.Th>Signed in</Table.Th>
                  <Table.Th>Last seen</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th w={60}>Revoke</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TableStatusRows columns={6} loading={sessions.isPending} empty={rows.length === 0} skeletons={2}>
                  No live sessions.
                </TableStatusRows>
                {rows.map((session) => {
                  const device = parseUserAgent(session.user_agent);
                  return (
                    <Table.Tr key={session.id} data-testid="own-session-row">
                      <SessionCells session={session} badge={session.current && <CurrentSessionBadge />} />
                      <Table.Td>
                        <RowAction
                          tooltip={session.current ? 'Sign out here' : 'Revoke'}
                          label={`Revoke session ${device.label}${session.current ? ' (current)' : ''}`}
                          icon={IconLogout}
                          color="red"
                          onClick={() => setPending({ kind: 'one', session })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmModal
        opened={pending !== null}
        title={pending?.kind === 'others' ? 'Sign out other sessions?' : 'Revoke session?'}
        confirmLabel={pending?.kind === 'others' ? 'Sign out others' : 'Revoke'}
        loading={revoke.isPending || revokeOthers.isPending}
        onConfirm={confirm}
        onClose={() => setPending(null)}
      >
        {pending?.kind === 'others' && (
          <>
            {pending.ids.length} other session{pending.ids.length === 1 ? '' : 's'} will be signed out. This one stays.
          </>
        )}
        {pending?.kind === 'one' &&
          (pending.session.current ? (
            <Text size="sm" c="red" fw={500}>
              This is the session you are using: you will be signed out.
            </Text>
          ) : (
            <>{parseUserAgent(pending.session.user_agent).label} will be signed out at once.</>
          ))}
      </ConfirmModal>
    </Paper>
  );
}
