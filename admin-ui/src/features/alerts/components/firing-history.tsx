import { Alert, Badge, Loader, Table, Text } from '@mantine/core';
import { RelativeTime } from '@/components/relative-time';
import { useAlertFirings } from '../api/get-alert-firings';

/** A rule's newest firings: when, how long, how many entries and grouped repeats, who was told. */
export function FiringHistory({ ruleId }: { ruleId: number }) {
  const firings = useAlertFirings(ruleId);
  if (firings.isPending) return <Loader size="sm" m="sm" />;
  if (firings.isError) {
    return (
      <Alert color="red" m="sm" title="Could not load the firing history">
        {firings.error.message}
      </Alert>
    );
  }
  if (firings.data.firings.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="sm">
        This rule has not fired yet.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={4} data-testid="firing-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Fired</Table.Th>
          <Table.Th>Recovered</Table.Th>
          <Table.Th>Matched</Table.Th>
          <Table.Th>Grouped repeats</Table.Th>
          <Table.Th>Notified</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {firings.data.firings.map((f) => (
          <Table.Tr key={f.id} data-testid="firing-row">
            <Table.Td>
              <RelativeTime iso={f.fired_at} />
            </Table.Td>
            <Table.Td>
              {f.recovered_at ? (
                <RelativeTime iso={f.recovered_at} />
              ) : (
                <Badge color="red" variant="light" size="sm">
                  firing
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{f.matched}</Table.Td>
            <Table.Td>{f.repeats}</Table.Td>
            <Table.Td>
              <Text size="sm" c={f.notified ? undefined : 'dimmed'}>
                {f.notified ? 'yes' : 'no (muted or in cool-down)'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
