import { Alert, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconEdit,
  IconKey,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
  IconSend,
  IconTrash,
  IconWebhook,
} from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { ListStatus } from '@/components/list-status';
import { RowAction } from '@/components/row-action';
import { useDeleteWebhook } from '../api/delete-webhook';
import { useDisableWebhook } from '../api/disable-webhook';
import { useEnableWebhook } from '../api/enable-webhook';
import { useWebhooks } from '../api/get-webhooks';
import { useRotateWebhookSecret } from '../api/rotate-webhook-secret';
import { useTestWebhook } from '../api/test-webhook';
import { AUDIENCES, type Webhook } from '../types';
import { DeliveryLog } from './delivery-log';
import { SecretModal } from './secret-modal';
import { WebhookFormModal } from './webhook-form-modal';

const audienceLabel = (value: string) => AUDIENCES.find((a) => a.value === value)?.label ?? value;

function WebhookRow({
  webhook,
  selected,
  onSelect,
  onEdit,
  onRotate,
  onDelete,
}: {
  webhook: Webhook;
  selected: boolean;
  onSelect: () => void;
  onEdit: () => void;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const enable = useEnableWebhook();
  const disable = useDisableWebhook();
  const test = useTestWebhook();
  return (
    <Table.Tr
      data-testid="webhook-row"
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
      style={{ cursor: 'pointer' }}
      onClick={onSelect}
    >
      <Table.Td>
        <Text size="sm" fw={600}>
          {webhook.name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {webhook.url}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {webhook.types.map((t) => (
            <Badge key={t} size="xs" variant="outline">
              {t}
            </Badge>
          ))}
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {webhook.audiences.length === AUDIENCES.length
            ? 'Every audience'
            : webhook.audiences.map(audienceLabel).join(', ')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{webhook.format === 'slack' ? 'Slack' : 'Vigil JSON'}</Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {webhook.secret_hint}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <Badge variant="light" color={webhook.enabled ? 'green' : 'gray'}>
            {webhook.enabled ? 'enabled' : 'disabled'}
          </Badge>
          {webhook.consecutive_failures > 0 && (
            <Badge variant="light" color="red" size="xs">
              {webhook.consecutive_failures} failed attempt{webhook.consecutive_failures === 1 ? '' : 's'}
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td onClick={(e) => e.stopPropagation()}>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <RowAction
            tooltip="Send test"
            label={`Send test to ${webhook.name}`}
            icon={IconSend}
            loading={test.isPending}
            onClick={() => {
              onSelect();
              test.mutate(webhook.id, {
                onSuccess: () =>
                  notifications.show({ title: 'Test queued', message: `See the delivery log of ${webhook.name}` }),
              });
            }}
          />
          {webhook.enabled ? (
            <RowAction
              tooltip="Disable"
              label={`Disable ${webhook.name}`}
              icon={IconPlayerPause}
              loading={disable.isPending}
              onClick={() => disable.mutate(webhook.id)}
            />
          ) : (
            <RowAction
              tooltip="Enable"
              label={`Enable ${webhook.name}`}
              icon={IconPlayerPlay}
              color="green"
              loading={enable.isPending}
              onClick={() => enable.mutate(webhook.id)}
            />
          )}
          <RowAction tooltip="Edit" label={`Edit ${webhook.name}`} icon={IconEdit} onClick={onEdit} />
          <RowAction tooltip="New secret" label={`New secret for ${webhook.name}`} icon={IconKey} onClick={onRotate} />
          <RowAction
            tooltip="Delete"
            label={`Delete ${webhook.name}`}
            icon={IconTrash}
            color="red"
            onClick={onDelete}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The webhook endpoints, their actions, and the delivery log of the one selected. */
export function WebhooksManager() {
  const webhooks = useWebhooks();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const [editing, setEditing] = useState<{ webhook: Webhook | null } | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [doomed, setDoomed] = useState<Webhook | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const list = webhooks.data?.webhooks ?? [];
  const selected = list.find((w) => w.id === selectedId) ?? list[0] ?? null;

  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ webhook: null })}>
          New webhook
        </Button>
      </Group>
      <Paper withBorder radius="md">
        {webhooks.isError && (
          <Alert color="red" m="sm" title="Could not load webhooks">
            {webhooks.error.message}
          </Alert>
        )}
        <ListStatus
          loading={webhooks.isPending}
          empty={webhooks.isSuccess && list.length === 0}
          icon={<IconWebhook size={32} />}
          action={
            <Button variant="light" size="xs" onClick={() => setEditing({ webhook: null })}>
              Add the first webhook
            </Button>
          }
        >
          No webhooks yet. A webhook receives notifications as signed HTTP POSTs.
        </ListStatus>
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Endpoint</Table.Th>
                  <Table.Th>Receives</Table.Th>
                  <Table.Th>Format / secret</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((webhook) => (
                  <WebhookRow
                    key={webhook.id}
                    webhook={webhook}
                    selected={selected?.id === webhook.id}
                    onSelect={() => setSelectedId(webhook.id)}
                    onEdit={() => setEditing({ webhook })}
                    onRotate={() => setRotating(webhook)}
                    onDelete={() => setDoomed(webhook)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      {selected && <DeliveryLog webhook={selected} />}

      <WebhookFormModal
        opened={editing !== null}
        webhook={editing?.webhook ?? null}
        onClose={() => setEditing(null)}
        onCreated={(created, newSecret) => {
          setSelectedId(created.id);
          setSecret({ name: created.name, secret: newSecret });
        }}
      />
      <SecretModal secret={secret?.secret ?? null} name={secret?.name ?? ''} onClose={() => setSecret(null)} />
      <ConfirmModal
        opened={rotating !== null}
        title="Replace the signing secret?"
        confirmLabel="Replace secret"
        loading={rotate.isPending}
        onConfirm={() => {
          if (!rotating) return;
          rotate.mutate(rotating.id, {
            onSuccess: ({ webhook, secret: newSecret }) => {
              setRotating(null);
              setSecret({ name: webhook.name, secret: newSecret });
            },
          });
        }}
        onClose={() => setRotating(null)}
      >
        Deliveries to <b>{rotating?.name}</b> are signed with a new secret from now on; the receiver must be given it.
      </ConfirmModal>
      <ConfirmModal
        opened={doomed !== null}
        title="Delete webhook?"
        confirmLabel="Delete webhook"
        loading={remove.isPending}
        onConfirm={() => {
          if (!doomed) return;
          remove.mutate(doomed.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', title: 'Webhook deleted', message: doomed.name });
              setDoomed(null);
            },
          });
        }}
        onClose={() => setDoomed(null)}
      >
        <b>{doomed?.name}</b> and its delivery log will be deleted. Waiting retries are dropped.
      </ConfirmModal>
    </Stack>
  );
}
