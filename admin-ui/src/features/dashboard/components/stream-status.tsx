import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { formatClock } from '../lib/format';
import type { StreamStatus } from '../lib/sse-connection';

const COLOR: Record<StreamStatus, string> = { live: 'green', connecting: 'yellow', offline: 'red' };

const EXPLANATION: Record<StreamStatus, string> = {
  live: 'Receiving metrics as the server computes them',
  connecting: 'Connecting to the metrics stream…',
  offline: 'Metrics stream interrupted: reconnecting automatically, polling meanwhile',
};

/** "live / connecting / offline" plus the time of the newest snapshot. */
export function StreamStatusBadge({ status, updated }: { status: StreamStatus; updated: string | null }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Tooltip label={EXPLANATION[status]} withArrow>
        <Badge
          variant="dot"
          color={COLOR[status]}
          size="lg"
          tt="none"
          data-testid="dashboard-stream-status"
          aria-label={`Stream status: ${status}`}
        >
          {status}
        </Badge>
      </Tooltip>
      <Text size="sm" c="dimmed" data-testid="dashboard-updated" aria-live="off">
        {updated ? `updated ${formatClock(new Date(updated))}` : 'waiting for data…'}
      </Text>
    </Group>
  );
}
