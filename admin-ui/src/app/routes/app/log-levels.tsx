import { Stack, Text, Title } from '@mantine/core';
import { LogLevelList } from '@/features/log-levels/components/log-level-list';

export function LogLevelsRoute() {
  return (
    <Stack>
      <div>
        <Title order={2}>Log levels</Title>
        <Text size="sm" c="dimmed">
          Changes apply at once — the live log shows the new lines — and last until the server restarts.
        </Text>
      </div>
      <LogLevelList />
    </Stack>
  );
}
