import { Stack, Title } from '@mantine/core';

export function LogsRoute() {
  return (
    <Stack>
      <Title order={2}>Logs</Title>
    </Stack>
  );
}
