import { Alert, Group, Stack, Title } from '@mantine/core';
import { useAuthStatus } from '@/features/auth/api/get-auth-status';
import { LazyDashboardCharts } from '@/features/dashboard/components/dashboard-charts-lazy';
import { RecentAudit } from '@/features/dashboard/components/recent-audit';
import { StatCards } from '@/features/dashboard/components/stat-cards';
import { StreamStatusBadge } from '@/features/dashboard/components/stream-status';
import { useDashboardLive } from '@/features/dashboard/hooks/use-dashboard-live';

export function DashboardRoute() {
  const live = useDashboardLive();
  // The signed-in admin is already cached by the app root (no extra request); the panel also hides on a 403.
  const scopes = useAuthStatus().data?.admin.scopes;
  const canSeeAudit = !scopes || scopes.includes('admin:audit');

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2}>Dashboard</Title>
        <StreamStatusBadge status={live.status} updated={live.latest?.time ?? null} />
      </Group>
      {live.historyError && (
        <Alert color="yellow" title="History unavailable">
          {live.historyError.message} — the charts start from the live data.
        </Alert>
      )}
      <StatCards snapshot={live.latest} lastPoint={live.points[live.points.length - 1]} />
      <LazyDashboardCharts points={live.points} />
      <RecentAudit limit={10} enabled={canSeeAudit} />
    </Stack>
  );
}
