import { Stack, Title } from '@mantine/core';

export function AdminsRoute() {
  return (
    <Stack>
      <Title order={2}>Admins</Title>
    </Stack>
  );
}
