import { Alert, Badge, Button, Code, Group, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { ListStatus } from '@/components/list-status';
import { RelativeTime } from '@/components/relative-time';
import { useCron } from '../api/get-cron';
import { usePauseCron } from '../api/pause-cron';
import { useResumeCron } from '../api/resume-cron';
import { useTriggerCron } from '../api/trigger-cron';
import { describeCron } from '../lib/cron';
import { formatTimeout, taskBadge } from '../lib/task-state';
import type { CronTask } from '../types';
import { CronRuns } from './cron-runs';
import { ExpandCell } from './expand-cell';

const COLUMNS = 7;

function PauseButton({ task }: { task: CronTask }) {
  const pause = usePauseCron();
  const resume = useResumeCron();
  if (task.paused) {
    return (
      <Button
        size="xs"
        variant="light"
        color="green"
        leftSection={<IconPlayerPlay size={14} />}
        aria-label={`Resume ${task.name}`}
        loading={resume.isPending}
        onClick={() =>
          resume.mutate(task.name, {
            onSuccess: () =>
              notifications.show({ color: 'green', title: `${task.name} resumed`, message: 'Scheduled again.' }),
          })
        }
      >
        Resume
      </Button>
    );
  }
  return (
    <Button
      size="xs"
      variant="light"
      color="yellow"
      leftSection={<IconPlayerPause size={14} />}
      aria-label={`Pause ${task.name}`}
      loading={pause.isPending}
      onClick={() =>
        pause.mutate(task.name, {
          onSuccess: () =>
            notifications.show({
              color: 'yellow',
              title: `${task.name} paused`,
              message: 'It will not run on its schedule until resumed; "Run now" still works.',
            }),
        })
      }
    >
      Pause
    </Button>
  );
}

function CronRow({ task, expanded, onExpand }: { task: CronTask; expanded: boolean; onExpand: () => void }) {
  const trigger = useTriggerCron();
  const reading = describeCron(task.schedule);
  const badge = taskBadge(task);
  const timeout = formatTimeout(task.timeout_seconds);
  return (
    <Fragment>
      <Table.Tr data-testid="cron-row">
        <ExpandCell expanded={expanded} onToggle={onExpand} what={`runs of ${task.name}`} />
        <Table.Td>
          <Text size="sm" fw={500}>
            {task.name}
          </Text>
          <Text size="xs" c="dimmed">
            {task.job}
          </Text>
        </Table.Td>
        <Table.Td>
          <Code>{task.schedule}</Code>
          {reading && (
            <Text size="xs" c="dimmed">
              {reading}
            </Text>
          )}
          {timeout && (
            <Text size="xs" c="dimmed">
              Timeout {timeout}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          {badge && (
            <Badge variant="light" color={badge.color} data-testid="cron-status">
              {badge.label}
            </Badge>
          )}
          {task.running_since && (
            <Text size="xs" c="dimmed">
              since <RelativeTime iso={task.running_since} />
            </Text>
          )}
        </Table.Td>
        <Table.Td>{task.paused ? <Text size="sm">Paused</Text> : <RelativeTime iso={task.next_run} />}</Table.Td>
        <Table.Td>
          <RelativeTime iso={task.last_run} empty="Never" />
        </Table.Td>
        <Table.Td style={{ textAlign: 'right' }}>
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <PauseButton task={task} />
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlayerPlay size={14} />}
              aria-label={`Run ${task.name} now`}
              loading={trigger.isPending}
              onClick={() =>
                trigger.mutate(task.name, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'green',
                      title: `${task.name} queued`,
                      message: 'It will run within a few seconds; follow it in the job list.',
                    }),
                })
              }
            >
              Run now
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr>
          <Table.Td colSpan={COLUMNS} bg="var(--mantine-color-default-hover)">
            <CronRuns name={task.name} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/**
 * The recurring tasks with their state (paused, running, overrunning, last outcome), pause/resume and
 * "Run now"; a row expands to the task's last runs.
 */
export function CronList() {
  const cron = useCron();
  const [expanded, setExpanded] = useState<string | null>(null);
  return (
    <Paper withBorder radius="md">
      <Group justify="space-between" p="sm">
        <Title order={4}>Recurring tasks</Title>
        <Text size="xs" c="dimmed">
          Schedules are in UTC
        </Text>
      </Group>
      {cron.isError && (
        <Alert color="red" mx="sm" mb="sm" title="Could not load recurring tasks">
          {cron.error.message}
        </Alert>
      )}
      <ListStatus loading={cron.isPending} empty={cron.data?.cron.length === 0}>
        No recurring tasks are registered.
      </ListStatus>
      {cron.data && cron.data.cron.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th>Task</Table.Th>
                <Table.Th>Schedule</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Next run</Table.Th>
                <Table.Th>Last run</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cron.data.cron.map((task) => (
                <CronRow
                  key={task.name}
                  task={task}
                  expanded={expanded === task.name}
                  onExpand={() => setExpanded(expanded === task.name ? null : task.name)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
