import { Alert, Badge, Code, Table, Text } from '@mantine/core';
import { ListStatus } from '@/components/list-status';
import { RelativeTime } from '@/components/relative-time';
import { useCronRuns } from '../api/get-cron-runs';
import { formatDuration, outcomeBadge } from '../lib/task-state';

/** A recurring task's last runs: start, duration, outcome and error. */
export function CronRuns({ name }: { name: string }) {
  const runs = useCronRuns(name);
  return (
    <div data-testid="cron-runs">
      {runs.isError && (
        <Alert color="red" title="Could not load the runs">
          {runs.error.message}
        </Alert>
      )}
      <ListStatus loading={runs.isPending} empty={runs.data?.runs.length === 0}>
        No runs recorded yet.
      </ListStatus>
      {runs.data && runs.data.runs.length > 0 && (
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Started</Table.Th>
              <Table.Th>Duration</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>Error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data.runs.map((run) => {
              const badge = outcomeBadge(run.outcome);
              return (
                <Table.Tr key={`${run.job_id}-${run.started_at}`} data-testid="cron-run">
                  <Table.Td>
                    <RelativeTime iso={run.started_at} />
                  </Table.Td>
                  <Table.Td>{formatDuration(run.duration_ms)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={badge.color}>
                      {badge.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ maxWidth: 480 }}>
                    {run.error ? (
                      <Code c="red" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {run.error}
                      </Code>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
