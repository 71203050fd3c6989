import { Stack, Title } from '@mantine/core';

export function ProfileRoute() {
  return (
    <Stack>
      <Title order={2}>Profile</Title>
    </Stack>
  );
}
