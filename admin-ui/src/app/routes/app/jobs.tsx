import { Stack, Title } from '@mantine/core';

export function JobsRoute() {
  return (
    <Stack>
      <Title order={2}>Jobs</Title>
    </Stack>
  );
}
