import { Alert, Code, Loader, Paper, Text } from '@mantine/core';
import { useDashboard } from '../api/get-dashboard';

/** Placeholder until the live dashboard lands: the raw snapshot, refreshed every 10 s. */
export function DashboardSnapshot() {
  const dashboard = useDashboard();
  if (dashboard.isPending) {
    return <Loader />;
  }
  if (dashboard.isError) {
    return <Alert color="red">{dashboard.error.message}</Alert>;
  }
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed" mb="xs">
        Raw snapshot from GET /api/admin/dashboard
      </Text>
      <Code block>{JSON.stringify(dashboard.data, null, 2)}</Code>
    </Paper>
  );
}
