import { Stack, Title } from '@mantine/core';

export function NotificationsRoute() {
  return (
    <Stack>
      <Title order={2}>Notifications</Title>
    </Stack>
  );
}
