import { Alert, Badge, Paper, Table, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { TablePager } from '@/components/table-pager';
import { dateTime, relativeTime } from '@/lib/format';
import { usePage } from '@/lib/use-page';
import { useWebhookDeliveries } from '../api/get-webhook-deliveries';
import { STATUS_COLORS } from '../lib/webhook-form';
import type { Delivery, Webhook } from '../types';

function DeliveryRow({ delivery }: { delivery: Delivery }) {
  return (
    <Table.Tr data-testid="delivery-row" data-status={delivery.status}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{dateTime(delivery.created_at)}</Text>
        <Text size="xs" c="dimmed">
          {relativeTime(delivery.created_at)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={1}>
          {delivery.event === 'test' ? (
            <Badge size="xs" variant="outline" mr={6}>
              test
            </Badge>
          ) : null}
          {delivery.summary}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={STATUS_COLORS[delivery.status]}>
          {delivery.status}
        </Badge>
        {delivery.status === 'retrying' && delivery.next_attempt_at && (
          <Text size="xs" c="dimmed">
            next {relativeTime(delivery.next_attempt_at)}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">{delivery.attempts}</Table.Td>
      <Table.Td ta="right">{delivery.response_code ?? '—'}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {delivery.duration_ms != null ? `${delivery.duration_ms} ms` : '—'}
      </Table.Td>
      <Table.Td>
        {delivery.error ? (
          <Tooltip label={delivery.error} multiline maw={400}>
            <Text size="xs" c="red" lineClamp={2} style={{ wordBreak: 'break-word' }}>
              {delivery.error}
            </Text>
          </Tooltip>
        ) : (
          <Text size="xs" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The delivery log of one endpoint, newest first, polled while shown. */
export function DeliveryLog({ webhook }: { webhook: Webhook }) {
  const [pageSize, setPageSize] = useState(10);
  const [page, setPage] = usePage({ id: webhook.id, pageSize });
  const deliveries = useWebhookDeliveries(webhook.id, page, pageSize);
  const rows = deliveries.data?.deliveries ?? [];
  return (
    <Paper withBorder radius="md" data-testid="delivery-log">
      <Title order={4} p="sm" pb={0}>
        Deliveries to {webhook.name}
      </Title>
      {deliveries.isError && (
        <Alert color="red" m="sm" title="Could not load deliveries">
          {deliveries.error.message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Queued</Table.Th>
              <Table.Th>Notification</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Attempts</Table.Th>
              <Table.Th ta="right">Code</Table.Th>
              <Table.Th ta="right">Duration</Table.Th>
              <Table.Th>Error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((delivery) => (
              <DeliveryRow key={delivery.id} delivery={delivery} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TablePager
        p="sm"
        total={deliveries.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        emptyLabel="No deliveries yet: send a test, or wait for a matching notification"
        paginationLabel="Delivery pages"
        onPageChange={setPage}
        onPageSizeChange={setPageSize}
      />
    </Paper>
  );
}
