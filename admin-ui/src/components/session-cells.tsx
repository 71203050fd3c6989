import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatIp } from '@/lib/ip';
import { parseUserAgent } from '@/lib/user-agent';
import { RelativeTime } from './relative-time';

/** What every session table shows of a session (SessionsController.SessionView, ProfileController's own). */
export interface SessionInfo {
  id: string;
  user_agent: string;
  ip: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  /** The caller's own session (the one this request came from). */
  current: boolean;
}

/**
 * The cells of a session row from the device on: device (the raw User-Agent in a tooltip, then `badge`),
 * IP address, signed in, last seen, expires.
 */
export function SessionCells({ session, badge }: { session: SessionInfo; badge?: ReactNode }) {
  const device = parseUserAgent(session.user_agent);
  const DeviceIcon = device.mobile ? IconDeviceMobile : IconDeviceDesktop;
  return (
    <>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Tooltip label={session.user_agent || 'No User-Agent sent'} multiline maw={420}>
            <Group gap={6} wrap="nowrap">
              <DeviceIcon size={16} stroke={1.5} aria-hidden style={{ flexShrink: 0 }} />
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {device.label}
              </Text>
            </Group>
          </Tooltip>
          {badge}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {formatIp(session.ip) || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={session.created_at} />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={session.last_used_at} />
      </Table.Td>
      <Table.Td>
        <RelativeTime iso={session.expires_at} />
      </Table.Td>
    </>
  );
}

/** The green "current" badge of the session this browser uses. */
export function CurrentSessionBadge() {
  return (
    <Badge size="sm" color="green" variant="light" style={{ flexShrink: 0 }}>
      current
    </Badge>
  );
}
