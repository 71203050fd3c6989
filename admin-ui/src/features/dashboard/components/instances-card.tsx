import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { instanceRows } from '../lib/instances';
import type { DashboardSnapshot } from '../types';

/**
 * The live instances of a cluster with their own figures (the cards above show the totals). Shown only
 * when there is more than one instance.
 */
export function InstancesCard({ snapshot }: { snapshot: DashboardSnapshot | null }) {
  const rows = instanceRows(snapshot);
  if (rows.length === 0) {
    return null;
  }
  return (
    <Paper withBorder p="md" radius="md" data-testid="dashboard-instances">
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="lg">
          Instances
        </Title>
        <Text size="sm" c="dimmed">
          {rows.length} live
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="xs" aria-label="Instances">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Instance</Table.Th>
              <Table.Th ta="right">Open streams</Table.Th>
              <Table.Th ta="right">Requests</Table.Th>
              <Table.Th ta="right">Mean latency</Table.Th>
              <Table.Th ta="right">Memory</Table.Th>
              <Table.Th ta="right">Threads</Table.Th>
              <Table.Th ta="right">Uptime</Table.Th>
              <Table.Th ta="right">Log lines</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id} data-testid="dashboard-instance" aria-current={row.self ? 'true' : undefined}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={row.self ? 600 : undefined}>
                      {row.name}
                    </Text>
                    {row.self && (
                      <Badge size="xs" variant="light" title="The instance serving this page">
                        this one
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{row.streams}</Table.Td>
                <Table.Td ta="right">{row.requestsPerSecond}</Table.Td>
                <Table.Td ta="right">{row.meanLatency}</Table.Td>
                <Table.Td ta="right">{row.memory}</Table.Td>
                <Table.Td ta="right">{row.threads}</Table.Td>
                <Table.Td ta="right">{row.uptime}</Table.Td>
                <Table.Td ta="right">{row.logLines}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
