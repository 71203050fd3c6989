import { Alert, Badge, Button, Code, Group, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconKeyOff, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { ListStatus } from '@/components/list-status';
import { RowAction } from '@/components/row-action';
import { dateTime, relativeTime } from '@/lib/format';
import { useApiKeys } from '../api/get-api-keys';
import { useRevokeApiKey } from '../api/revoke-api-key';
import { STATUS_COLORS } from '../lib/api-key';
import type { ApiKey } from '../types';
import { CreateApiKeyModal } from './create-api-key-modal';

function KeyRow({ apiKey, onRevoke }: { apiKey: ApiKey; onRevoke: () => void }) {
  return (
    <Table.Tr data-testid="api-key-row" style={{ opacity: apiKey.status === 'active' ? 1 : 0.6 }}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {apiKey.name}
        </Text>
        <Code>{apiKey.prefix}…</Code>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {apiKey.scopes.map((scope) => (
            <Badge key={scope} variant="light" size="sm" tt="none">
              {scope}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLORS[apiKey.status]} variant="dot">
          {apiKey.status}
        </Badge>
        {apiKey.status === 'active' && apiKey.expires_at && (
          <Text size="xs" c="dimmed">
            expires {relativeTime(apiKey.expires_at)}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {apiKey.last_used_at ? (
          <>
            <Text size="sm">{relativeTime(apiKey.last_used_at)}</Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {apiKey.last_used_ip}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            never
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{dateTime(apiKey.created_at)}</Text>
        <Text size="xs" c="dimmed">
          by {apiKey.created_by_email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {apiKey.status !== 'revoked' && (
            <RowAction
              tooltip="Revoke"
              label={`Revoke ${apiKey.name}`}
              icon={IconKeyOff}
              color="red"
              onClick={onRevoke}
            />
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function NewApiKeyButton({ label = 'New API key', variant }: { label?: string; variant?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <CreateApiKeyModal opened={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** Every key with its scopes, status and last use; an active key can be revoked (with confirmation). */
export function ApiKeyList() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [doomed, setDoomed] = useState<ApiKey | null>(null);
  const list = keys.data?.keys ?? [];

  const confirmRevoke = () => {
    if (!doomed) return;
    revoke.mutate(doomed.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', title: 'API key revoked', message: doomed.name });
        setDoomed(null);
      },
    });
  };

  return (
    <Paper withBorder radius="md">
      {keys.isError && (
        <Alert color="red" m="sm" title="Could not load API keys">
          {keys.error.message}
        </Alert>
      )}
      <ListStatus
        loading={keys.isPending}
        empty={keys.isSuccess && list.length === 0}
        icon={<IconKey size={32} />}
        action={<NewApiKeyButton label="Create the first key" variant="light" />}
      >
        No API keys yet. A key lets another system send notifications, read logs or the dashboard on /api/v1.
      </ListStatus>
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table verticalSpacing="xs" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Key</Table.Th>
                <Table.Th>Scopes</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((apiKey) => (
                <KeyRow key={apiKey.id} apiKey={apiKey} onRevoke={() => setDoomed(apiKey)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        opened={doomed !== null}
        title="Revoke API key?"
        confirmLabel="Revoke key"
        loading={revoke.isPending}
        onConfirm={confirmRevoke}
        onClose={() => setDoomed(null)}
      >
        <Text span fw={600}>
          {doomed?.name}
        </Text>{' '}
        stops working at once and its open streams close. This cannot be undone.
      </ConfirmModal>
    </Paper>
  );
}
