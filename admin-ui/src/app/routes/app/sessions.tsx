import { Stack, Title } from '@mantine/core';

export function SessionsRoute() {
  return (
    <Stack>
      <Title order={2}>Sessions</Title>
    </Stack>
  );
}
