import { Alert, Button, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { RelativeTime } from '@/components/relative-time';
import { useEnrolledAdmins } from '../api/get-enrolled-admins';
import { useResetSecondFactor } from '../api/reset-second-factor';
import type { EnrolledAdmin } from '../types';

/** Admins with a second factor, and the reset for one who lost the device and the recovery codes. */
export function EnrolledAdmins() {
  const admins = useEnrolledAdmins();
  const reset = useResetSecondFactor();
  const [target, setTarget] = useState<EnrolledAdmin | null>(null);

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <div>
          <Title order={3} size="h4">
            Admins with a second factor
          </Title>
          <Text size="sm" c="dimmed">
            Reset removes an admin&apos;s factor and recovery codes: the way back after a lost phone. They sign in with
            the password alone, or set up a new factor if one is required.
          </Text>
        </div>
        {admins.isPending && <Skeleton h={60} />}
        {admins.isError && <Alert color="red">{admins.error.message}</Alert>}
        {admins.data && admins.data.length === 0 && (
          <Text size="sm" c="dimmed">
            No admin has a second factor yet.
          </Text>
        )}
        {admins.data && admins.data.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Admin</Table.Th>
                <Table.Th>Since</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {admins.data.map((admin) => (
                <Table.Tr key={admin.id}>
                  <Table.Td>{admin.name ? `${admin.name} (${admin.email})` : admin.email}</Table.Td>
                  <Table.Td>
                    <RelativeTime iso={admin.confirmed_at} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="default" color="red" onClick={() => setTarget(admin)}>
                      Reset
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <ConfirmModal
        opened={target !== null}
        title="Reset second factor"
        confirmLabel="Reset"
        loading={reset.isPending}
        onClose={() => setTarget(null)}
        onConfirm={() =>
          target &&
          reset.mutate(target.id, {
            onSuccess: () => {
              notifications.show({ message: `Second factor of ${target.email} removed` });
              setTarget(null);
            },
          })
        }
      >
        Remove the second factor and recovery codes of {target?.email}?
      </ConfirmModal>
    </Paper>
  );
}
