import { Stack, Text, Title } from '@mantine/core';
import { WebhooksManager } from '@/features/webhooks/components/webhooks-manager';

export function WebhooksRoute() {
  return (
    <Stack>
      <div>
        <Title order={2}>Webhooks</Title>
        <Text size="sm" c="dimmed">
          Endpoints that receive notifications as signed HTTP POSTs, retried with backoff until delivered.
        </Text>
      </div>
      <WebhooksManager />
    </Stack>
  );
}
