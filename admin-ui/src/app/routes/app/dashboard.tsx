import { Stack, Title } from '@mantine/core';
import { DashboardSnapshot } from '@/features/dashboard/components/dashboard-snapshot';

export function DashboardRoute() {
  return (
    <Stack>
      <Title order={2}>Dashboard</Title>
      <DashboardSnapshot />
    </Stack>
  );
}
