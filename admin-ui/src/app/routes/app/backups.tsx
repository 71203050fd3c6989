import { Stack, Title } from '@mantine/core';

export function BackupsRoute() {
  return (
    <Stack>
      <Title order={2}>Backups</Title>
    </Stack>
  );
}
