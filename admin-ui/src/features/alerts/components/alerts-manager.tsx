import { Alert, Badge, Button, Group, Menu, Paper, Stack, Table, Text, Tooltip, ActionIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlarm,
  IconBellOff,
  IconBellRinging,
  IconChevronDown,
  IconChevronRight,
  IconEdit,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { ListStatus } from '@/components/list-status';
import { RelativeTime } from '@/components/relative-time';
import { RowAction } from '@/components/row-action';
import { dateTime } from '@/lib/format';
import { useDeleteAlertRule } from '../api/delete-alert-rule';
import { useAlertRules } from '../api/get-alert-rules';
import { useMuteAlertRule } from '../api/mute-alert-rule';
import { useUnmuteAlertRule } from '../api/unmute-alert-rule';
import { formatSeconds, type AlertFormValues } from '../lib/alert-form';
import { MUTE_OPTIONS, type AlertRule } from '../types';
import { AlertFormModal } from './alert-form-modal';
import { FiringHistory } from './firing-history';

const STATE_COLORS = { ok: 'green', pending: 'yellow', firing: 'red' } as const;

function StateBadges({ rule }: { rule: AlertRule }) {
  return (
    <Group gap={4}>
      {rule.enabled ? (
        <Badge variant="light" color={STATE_COLORS[rule.state]} data-testid="alert-state">
          {rule.state}
        </Badge>
      ) : (
        <Badge variant="light" color="gray" data-testid="alert-state">
          disabled
        </Badge>
      )}
      {rule.muted && (
        <Tooltip label={`Muted until ${dateTime(rule.muted_until)}`}>
          <Badge variant="outline" color="gray" leftSection={<IconBellOff size={12} />} data-testid="alert-muted">
            muted
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

function describeFilter(rule: AlertRule) {
  const parts = [rule.levels.length > 0 ? rule.levels.join(', ') : 'any level'];
  if (rule.pattern) parts.push(`/${rule.pattern}/`);
  if (rule.exclude) parts.push(`not /${rule.exclude}/`);
  return parts.join(' · ');
}

function RuleRow({
  rule,
  expanded,
  onToggle,
  onEdit,
  onDelete,
}: {
  rule: AlertRule;
  expanded: boolean;
  onToggle: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const mute = useMuteAlertRule();
  const unmute = useUnmuteAlertRule();
  return (
    <Table.Tr data-testid="alert-row" data-rule={rule.name}>
      <Table.Td w={36}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={expanded ? `Hide firings of ${rule.name}` : `Show firings of ${rule.name}`}
          aria-expanded={expanded}
          onClick={onToggle}
        >
          {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
        </ActionIcon>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {rule.name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {rule.source}: {describeFilter(rule)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          ≥ {rule.threshold} in {formatSeconds(rule.window_seconds)}
        </Text>
        <Text size="xs" c="dimmed">
          {rule.for_seconds > 0 ? `for ${formatSeconds(rule.for_seconds)}, ` : ''}
          cool-down {formatSeconds(rule.cooldown_seconds)} · now {rule.count}
        </Text>
      </Table.Td>
      <Table.Td>
        <StateBadges rule={rule} />
        {rule.state === 'firing' && rule.repeats > 0 && (
          <Text size="xs" c="dimmed" mt={2}>
            {rule.repeats} grouped repeat{rule.repeats === 1 ? '' : 's'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={rule.last_fired_at} empty="never" />
        <Text size="xs" c="dimmed" data-testid="alert-fire-count">
          fired {rule.fire_count} time{rule.fire_count === 1 ? '' : 's'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {rule.muted ? (
            <RowAction
              tooltip="Unmute"
              label={`Unmute ${rule.name}`}
              icon={IconBellRinging}
              loading={unmute.isPending}
              onClick={() => unmute.mutate(rule.id)}
            />
          ) : (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Tooltip label="Mute">
                  <ActionIcon variant="subtle" aria-label={`Mute ${rule.name}`} loading={mute.isPending}>
                    <IconBellOff size={16} />
                  </ActionIcon>
                </Tooltip>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Mute for</Menu.Label>
                {MUTE_OPTIONS.map((option) => (
                  <Menu.Item
                    key={option.value}
                    onClick={() =>
                      mute.mutate(
                        { id: rule.id, duration: option.value },
                        {
                          onSuccess: () =>
                            notifications.show({ title: 'Alert rule muted', message: `${rule.name}: ${option.label}` }),
                        },
                      )
                    }
                  >
                    {option.label}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
          <RowAction tooltip="Edit" label={`Edit ${rule.name}`} icon={IconEdit} onClick={onEdit} />
          <RowAction tooltip="Delete" label={`Delete ${rule.name}`} icon={IconTrash} color="red" onClick={onDelete} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The alert rules with their state, last firing and history; `prefill` opens the create form with the
 * viewer's filter (route /alerts/new), and `onPrefillClosed` leaves that route.
 */
export function AlertsManager({
  prefill,
  onPrefillClosed,
}: {
  prefill: AlertFormValues | null;
  onPrefillClosed: () => void;
}) {
  const rules = useAlertRules();
  const remove = useDeleteAlertRule();
  const [editing, setEditing] = useState<{ rule: AlertRule | null } | null>(null);
  const [doomed, setDoomed] = useState<AlertRule | null>(null);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const list = rules.data?.rules ?? [];
  const formOpen = editing !== null || prefill !== null;

  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ rule: null })}>
          New alert rule
        </Button>
      </Group>
      <Paper withBorder radius="md">
        {rules.isError && (
          <Alert color="red" m="sm" title="Could not load alert rules">
            {rules.error.message}
          </Alert>
        )}
        <ListStatus
          loading={rules.isPending}
          empty={rules.isSuccess && list.length === 0}
          icon={<IconAlarm size={32} />}
          action={
            <Button variant="light" size="xs" onClick={() => setEditing({ rule: null })}>
              Add the first rule
            </Button>
          }
        >
          No alert rules yet. A rule notifies admins when a log shows too many matching entries.
        </ListStatus>
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>Rule</Table.Th>
                  <Table.Th>Condition</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Last firing</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((rule) => (
                  <Fragment key={rule.id}>
                    <RuleRow
                      rule={rule}
                      expanded={expanded.has(rule.id)}
                      onToggle={() => toggle(rule.id)}
                      onEdit={() => setEditing({ rule })}
                      onDelete={() => setDoomed(rule)}
                    />
                    {expanded.has(rule.id) && (
                      <Table.Tr>
                        <Table.Td colSpan={6} p={0}>
                          <FiringHistory ruleId={rule.id} />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <AlertFormModal
        opened={formOpen}
        rule={editing?.rule ?? null}
        prefill={editing ? null : prefill}
        onClose={() => {
          if (editing) setEditing(null);
          else onPrefillClosed();
        }}
      />
      <ConfirmModal
        opened={doomed !== null}
        title="Delete alert rule?"
        confirmLabel="Delete rule"
        loading={remove.isPending}
        onConfirm={() => {
          if (!doomed) return;
          remove.mutate(doomed.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', title: 'Alert rule deleted', message: doomed.name });
              setDoomed(null);
            },
          });
        }}
        onClose={() => setDoomed(null)}
      >
        <b>{doomed?.name}</b> and its firing history will be deleted.
      </ConfirmModal>
    </Stack>
  );
}
