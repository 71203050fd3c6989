import { Badge, Group, Tooltip } from '@mantine/core';
import type { StreamStatus, StreamTransport } from '../lib/log-stream';

const COLORS: Record<StreamStatus, string> = { connected: 'green', connecting: 'yellow', disconnected: 'red' };

export function StreamStatusBadges({ status, transport }: { status: StreamStatus; transport: StreamTransport }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={status === 'disconnected' ? 'Reconnecting with backoff' : 'Live log stream'}>
        <Badge data-testid="log-stream-status" color={COLORS[status]} variant="dot" size="lg" radius="sm" tt="none">
          {status}
        </Badge>
      </Tooltip>
      <Tooltip label={transport === 'ws' ? 'WebSocket' : 'Server-Sent Events (WebSocket unavailable)'}>
        <Badge data-testid="log-transport" color="gray" variant="outline" size="lg" radius="sm" tt="none">
          {transport}
        </Badge>
      </Tooltip>
    </Group>
  );
}
