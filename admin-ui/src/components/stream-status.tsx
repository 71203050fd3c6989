import { Badge, Box, Group, Tooltip } from '@mantine/core';
import { IconWifi, IconWifiOff } from '@tabler/icons-react';
import type { StreamStatus, Transport } from '@/lib/stream/status';

const COLOR: Record<StreamStatus, string> = { live: 'green', connecting: 'yellow', offline: 'red' };

const TRANSPORT: Record<Transport, string> = {
  ws: 'WebSocket',
  sse: 'Server-Sent Events (WebSocket unavailable)',
};

export interface StreamStatusProps {
  status: StreamStatus;
  /** What streams, for the tooltip: "metrics", "log", "notification". */
  subject: string;
  /** What the page does while offline besides reconnecting, e.g. "polling every 30 s". */
  whileOffline?: string;
  /** Shown as a second badge (for streams that may fall back to SSE). */
  transport?: Transport;
  /** `icon`: a small connection icon (the header); `badge` (default): the status in words. */
  variant?: 'badge' | 'icon';
  'data-testid'?: string;
}

function explain(status: StreamStatus, subject: string, whileOffline?: string): string {
  switch (status) {
    case 'live':
      return `Receiving ${subject} updates live`;
    case 'connecting':
      return `Connecting to the ${subject} stream…`;
    case 'offline':
      return `The ${subject} stream is interrupted: reconnecting automatically${whileOffline ? `, ${whileOffline} meanwhile` : ''}`;
  }
}

/** The state of a live stream, the same words and colours on every page. */
export function StreamStatusIndicator({
  status,
  subject,
  whileOffline,
  transport,
  variant = 'badge',
  'data-testid': testId,
}: StreamStatusProps) {
  const label = explain(status, subject, whileOffline);
  if (variant === 'icon') {
    const live = status === 'live';
    return (
      <Tooltip label={label} withArrow>
        <Box
          c={live ? 'teal' : 'dimmed'}
          style={{ display: 'flex' }}
          data-testid={testId}
          data-state={status}
          aria-label={`${subject} stream: ${status}`}
        >
          {live ? <IconWifi size={18} /> : <IconWifiOff size={18} />}
        </Box>
      </Tooltip>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Tooltip label={label} withArrow>
        <Badge
          variant="dot"
          color={COLOR[status]}
          size="lg"
          radius="sm"
          tt="none"
          data-testid={testId}
          data-state={status}
          aria-label={`${subject} stream: ${status}`}
        >
          {status}
        </Badge>
      </Tooltip>
      {transport && (
        <Tooltip label={TRANSPORT[transport]} withArrow>
          <Badge
            data-testid={testId && `${testId}-transport`}
            color="gray"
            variant="outline"
            size="lg"
            radius="sm"
            tt="none"
          >
            {transport}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
