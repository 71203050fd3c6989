import { Group, Stack, Text, Title } from '@mantine/core';
import { ApiKeyList, NewApiKeyButton } from '@/features/api-keys/components/api-key-list';

export function ApiKeysRoute() {
  return (
    <Stack>
      <Group justify="space-between" align="center" wrap="wrap">
        <div>
          <Title order={2}>API keys</Title>
          <Text size="sm" c="dimmed">
            Keys for other systems on the machine API (/api/v1), sent as Authorization: Bearer.
          </Text>
        </div>
        <NewApiKeyButton />
      </Group>
      <ApiKeyList />
    </Stack>
  );
}
