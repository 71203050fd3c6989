import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { StreamStatusIndicator } from '@/components/stream-status';
import { useAuthStatus } from '@/features/auth/api/get-auth-status';
import { LazyDashboardCharts } from '@/features/dashboard/components/dashboard-charts-lazy';
import { RecentAudit } from '@/features/dashboard/components/recent-audit';
import { StatCards } from '@/features/dashboard/components/stat-cards';
import { useDashboardLive } from '@/features/dashboard/hooks/use-dashboard-live';
import { formatClock } from '@/features/dashboard/lib/format';

export function DashboardRoute() {
  const live = useDashboardLive();
  // The signed-in admin is already cached by the app root (no extra request); the panel also hides on a 403.
  const scopes = useAuthStatus().data?.admin.scopes;
  const canSeeAudit = !scopes || scopes.includes('admin:audit');

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2}>Dashboard</Title>
        <Group gap="xs" wrap="nowrap">
          <StreamStatusIndicator
            status={live.status}
            subject="metrics"
            whileOffline="polling every 10 s"
            data-testid="dashboard-stream-status"
          />
          <Text size="sm" c="dimmed" data-testid="dashboard-updated" aria-live="off">
            {live.latest ? `updated ${formatClock(new Date(live.latest.time))}` : 'waiting for data…'}
          </Text>
        </Group>
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
