import { Alert, Button, Code, Group, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay } from '@tabler/icons-react';
import { ListStatus } from '@/components/list-status';
import { RelativeTime } from '@/components/relative-time';
import { useCron } from '../api/get-cron';
import { useTriggerCron } from '../api/trigger-cron';
import { describeCron } from '../lib/cron';
import type { CronTask } from '../types';

function CronRow({ task }: { task: CronTask }) {
  const trigger = useTriggerCron();
  const reading = describeCron(task.schedule);
  return (
    <Table.Tr data-testid="cron-row">
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
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={task.next_run} />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={task.last_run} empty="Never" />
      </Table.Td>
      <Table.Td style={{ textAlign: 'right' }}>
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
      </Table.Td>
    </Table.Tr>
  );
}

/** The recurring maintenance tasks, each with a "Run now" button. */
export function CronList() {
  const cron = useCron();
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
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Task</Table.Th>
                <Table.Th>Schedule</Table.Th>
                <Table.Th>Next run</Table.Th>
                <Table.Th>Last run</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cron.data.cron.map((task) => (
                <CronRow key={task.name} task={task} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
