import { Stack, Title } from '@mantine/core';

export function AuditRoute() {
  return (
    <Stack>
      <Title order={2}>Audit</Title>
    </Stack>
  );
}
