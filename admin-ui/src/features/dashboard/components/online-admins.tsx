import { Alert, Badge, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { RelativeTime } from '@/components/relative-time';
import { formatIp } from '@/lib/ip';
import { useOnlineAdmins } from '../api/get-online-admins';
import type { OnlineAdmin } from '../types';

const who = (admin: OnlineAdmin) => admin.name || admin.email || `admin #${admin.id}`;

/** Distinct addresses of an admin's streams; empty when the viewer may not see them. */
const addresses = (admin: OnlineAdmin) =>
  [...new Set(admin.streams.map((s) => s.address).filter((a): a is string => !!a))].map(formatIp);

/**
 * Admins with open live streams (logs, notifications, dashboard), refreshed every 10 s and whenever the
 * dashboard's count of open connections changes (someone came or went, this page's own streams included).
 */
export function OnlineAdmins({ selfId, connections }: { selfId?: number; connections?: number }) {
  const online = useOnlineAdmins();
  const { refetch } = online;
  useEffect(() => {
    if (connections !== undefined) {
      void refetch();
    }
  }, [connections, refetch]);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);

  const admins = online.data?.admins ?? [];
  return (
    <Paper withBorder p="md" radius="md" data-testid="dashboard-online" role="region" aria-label="Online now">
      <Group justify="space-between" mb="sm">
        <Title order={4} fz="md">
          Online now
        </Title>
        {online.data && (
          <Text size="sm" c="dimmed" data-testid="dashboard-online-count">
            {admins.length === 1 ? '1 admin' : `${admins.length} admins`} with open streams
          </Text>
        )}
      </Group>
      {online.isPending ? (
        <Skeleton h={60} />
      ) : !online.data ? (
        <Alert color="red" title="Could not load who is online">
          {online.error?.message}
        </Alert>
      ) : admins.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm" ta="center">
          Nobody has a live stream open.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Admin</Table.Th>
                <Table.Th>Streams</Table.Th>
                <Table.Th>Online since</Table.Th>
                <Table.Th>From</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {admins.map((admin) => (
                <Table.Tr key={admin.id} data-testid="dashboard-online-admin" data-admin-id={admin.id}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Group gap={6}>
                        <Text size="sm" fw={500}>
                          {who(admin)}
                        </Text>
                        {admin.id === selfId && (
                          <Badge size="xs" variant="light">
                            you
                          </Badge>
                        )}
                      </Group>
                      {admin.name && admin.email && (
                        <Text size="xs" c="dimmed">
                          {admin.email}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {admin.streams.map((s, i) => (
                        <Badge
                          key={`${s.stream}-${s.transport}-${i}`}
                          size="sm"
                          variant="outline"
                          tt="none"
                          title={s.via_api_key ? 'opened with an API key' : undefined}
                        >
                          {s.stream} · {s.transport.toUpperCase()}
                          {s.via_api_key ? ' · key' : ''}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <RelativeTime iso={admin.since} now={now} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={addresses(admin).length ? undefined : 'dimmed'}>
                      {addresses(admin).join(', ') || 'hidden'}
                    </Text>
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
