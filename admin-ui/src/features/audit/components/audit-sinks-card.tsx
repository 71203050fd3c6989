import { Badge, Code, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { dateTime, relativeTime } from '@/lib/format';
import { useAuditSinks } from '../api/get-audit-sinks';
import { connection, sinkState, sinkTitle } from '../lib/sinks';

/** Where the audit log is exported (syslog, a JSON lines file) and whether each sink keeps up. */
export function AuditSinksCard() {
  const sinks = useAuditSinks();
  if (!sinks.data) return null;
  if (sinks.data.sinks.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="audit-sinks-none">
        The audit log stays on this server: no syslog receiver or JSON lines file is configured (README, “Audit to
        syslog / SIEM”).
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, md: sinks.data.sinks.length }} spacing="sm">
      {sinks.data.sinks.map((sink) => {
        const state = sinkState(sink);
        return (
          <Paper key={sink.name} withBorder radius="md" p="sm" data-testid={`audit-sink-${sink.name}`}>
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs" wrap="nowrap">
                  <IconSend size={16} />
                  <Text fw={600} size="sm">
                    {sinkTitle(sink)}
                  </Text>
                  <Code>{sink.target}</Code>
                </Group>
                <Badge color={state.color} variant="light" tt="none">
                  {state.label}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                Delivered up to entry {sink.position}
                {sink.last_delivered_at && <> · last batch {relativeTime(sink.last_delivered_at)}</>} ·{' '}
                {connection(sink)}
              </Text>
              {sink.last_error && (
                <Text size="xs" c="red" title={dateTime(sink.last_error_at)} style={{ wordBreak: 'break-word' }}>
                  Last error {relativeTime(sink.last_error_at)}: {sink.last_error}
                </Text>
              )}
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
