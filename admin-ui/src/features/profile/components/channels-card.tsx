import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconMail, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import {
  desktopPermission,
  isDesktopEnabled,
  setDesktopEnabled,
  type DesktopPermission,
} from '@/lib/desktop-notifications';
import { relativeTime, dateTime } from '@/lib/format';
import { TableStatusRows } from '@/components/table-status-rows';
import { useChannels } from '../api/get-channels';
import { useEmailDeliveries } from '../api/get-email-deliveries';
import { useSendTestEmail } from '../api/send-test-email';
import { useUpdateChannels } from '../api/update-channels';
import type { EmailDelivery } from '../types';

const TYPE_COLORS: Record<string, string> = { info: 'blue', success: 'green', warning: 'yellow', error: 'red' };
const STATUS_COLORS: Record<EmailDelivery['status'], string> = { queued: 'gray', sent: 'green', failed: 'red' };

const PERMISSION_TEXT: Record<DesktopPermission, string> = {
  granted: 'Allowed by this browser',
  default: 'The browser will ask for permission',
  denied: 'Blocked in this browser: allow notifications for this site in its settings',
  unsupported: 'This browser cannot show desktop notifications',
};

/** Where notifications reach you besides the panel: email (per type) and this browser's desktop. */
export function ChannelsCard() {
  return (
    <Paper withBorder p="lg" radius="md" data-testid="channels-card">
      <Stack>
        <div>
          <Title order={3} size="h4">
            Channels
          </Title>
          <Text size="sm" c="dimmed">
            How notifications reach you when you are not looking at the panel
          </Text>
        </div>
        <EmailChannel />
        <BrowserChannel />
      </Stack>
    </Paper>
  );
}

function EmailChannel() {
  const channels = useChannels();
  const update = useUpdateChannels();
  const test = useSendTestEmail();

  if (channels.isError) {
    return (
      <Alert color="red" title="Could not load your channels">
        {channels.error.message}
      </Alert>
    );
  }
  const email = channels.data?.email;
  // Shown as chosen at once (the latest change in flight), then as the server saved it.
  const chosen = (update.isPending ? update.variables?.email.types : undefined) ?? email?.types ?? [];
  const toggle = (type: string, on: boolean) => {
    const types = on ? [...chosen, type] : chosen.filter((t) => t !== type);
    update.mutate({ email: { types } });
  };

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <IconMail size={18} />
        <Text fw={600}>Email</Text>
        {email && (
          <Text size="sm" c="dimmed">
            to {email.address}
          </Text>
        )}
      </Group>
      {email && !email.available && (
        <Alert color="yellow" variant="light" data-testid="email-unavailable">
          Email is not available: the operator has not configured an SMTP server (VIGIL_MAIL_HOST). Your choices are
          kept for when it is.
        </Alert>
      )}
      <Group gap="lg" aria-label="Notification types sent by email" role="group">
        {(email?.all_types ?? ['info', 'success', 'warning', 'error']).map((type) => (
          <Checkbox
            key={type}
            label={type}
            checked={chosen.includes(type)}
            disabled={!email}
            onChange={(e) => toggle(type, e.currentTarget.checked)}
            data-testid={`email-type-${type}`}
          />
        ))}
      </Group>
      {update.isError && (
        <Text size="xs" c="red">
          Not saved: {update.error.message}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        None chosen: no email. Each notification of a chosen type is also sent to your address.
      </Text>
      <Group>
        <Button
          variant="light"
          leftSection={<IconSend size={16} />}
          loading={test.isPending}
          disabled={!email}
          onClick={() => test.mutate()}
        >
          Send test email
        </Button>
      </Group>
      {test.isSuccess && (
        <Alert color="green" variant="light" data-testid="email-test-result">
          Test email sent to {test.data.address}.
        </Alert>
      )}
      {test.isError && (
        <Alert color="red" variant="light" title="Test email not sent" data-testid="email-test-result">
          {test.error.message}
        </Alert>
      )}
      <EmailDeliveries />
    </Stack>
  );
}

function EmailDeliveries() {
  const deliveries = useEmailDeliveries();
  const rows = deliveries.data?.deliveries ?? [];
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        Recent email deliveries
      </Text>
      {deliveries.isError ? (
        <Alert color="red">{deliveries.error.message}</Alert>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" aria-label="Recent email deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Notification</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableStatusRows columns={4} loading={deliveries.isPending} empty={rows.length === 0} skeletons={2}>
                No email sent yet.
              </TableStatusRows>
              {rows.map((d) => (
                <Table.Tr key={d.id} data-testid="email-delivery-row">
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Badge size="xs" variant="light" color={TYPE_COLORS[d.type] ?? 'gray'}>
                        {d.type}
                      </Badge>
                      <Text size="sm" lineClamp={1}>
                        {d.title}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Badge size="sm" variant="light" color={STATUS_COLORS[d.status]}>
                        {d.status === 'queued' && d.attempts > 0 ? 'retrying' : d.status}
                      </Badge>
                      {d.last_error && (
                        <Text size="xs" c={d.status === 'failed' ? 'red' : 'dimmed'}>
                          {d.last_error}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    <Tooltip label={dateTime(d.updated_at)}>
                      <Text size="sm">{relativeTime(d.updated_at)}</Text>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function BrowserChannel() {
  const [enabled, setEnabled] = useState(() => isDesktopEnabled());
  const [permission, setPermission] = useState<DesktopPermission>(() => desktopPermission());
  const [busy, setBusy] = useState(false);

  const change = async (on: boolean) => {
    setBusy(true);
    try {
      const next = await setDesktopEnabled(on);
      setEnabled(next.enabled);
      setPermission(next.permission);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={6}>
      <Text fw={600}>Browser notifications</Text>
      <Switch
        label="Show a desktop notification for new notifications while this tab is hidden"
        checked={enabled && permission === 'granted'}
        disabled={busy || permission === 'unsupported' || permission === 'denied'}
        onChange={(e) => void change(e.currentTarget.checked)}
        data-testid="desktop-toggle"
      />
      <Text size="xs" c="dimmed" data-testid="desktop-permission">
        {PERMISSION_TEXT[permission]}. Kept in this browser only; one notification per event, however many tabs are
        open.
      </Text>
    </Stack>
  );
}
