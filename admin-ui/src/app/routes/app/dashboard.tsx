import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { StreamStatusIndicator } from '@/components/stream-status';
import { useAuthStatus } from '@/features/auth/api/get-auth-status';
import { LazyDashboardCharts } from '@/features/dashboard/components/dashboard-charts-lazy';
import { InstancesCard } from '@/features/dashboard/components/instances-card';
import { OnlineAdmins } from '@/features/dashboard/components/online-admins';
import { isHistoryRange, RangeSelector } from '@/features/dashboard/components/range-selector';
import { RecentAudit } from '@/features/dashboard/components/recent-audit';
import { StatCards } from '@/features/dashboard/components/stat-cards';
import { useChartPoints } from '@/features/dashboard/hooks/use-chart-points';
import { useDashboardLive } from '@/features/dashboard/hooks/use-dashboard-live';
import { formatClock } from '@/features/dashboard/lib/format';
import type { HistoryRange } from '@/features/dashboard/types';

export function DashboardRoute() {
  const live = useDashboardLive();
  // The range is in the address (?range=24h), so a reload or a shared link keeps it.
  const [params, setParams] = useSearchParams();
  const requested = params.get('range');
  const range: HistoryRange = isHistoryRange(requested) ? requested : '1h';
  const chart = useChartPoints(range, live);
  // The signed-in admin is already cached by the app root (no extra request); the panel also hides on a 403.
  const admin = useAuthStatus().data?.admin;
  const scopes = admin?.scopes;
  const canSeeAudit = !scopes || scopes.includes('admin:audit');

  const setRange = (next: HistoryRange) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === '1h') {
          updated.delete('range');
        } else {
          updated.set('range', next);
        }
        return updated;
      },
      { replace: true },
    );

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
      <InstancesCard snapshot={live.latest} />
      <Group justify="space-between" align="center" gap="sm">
        <Title order={3} fz="lg">
          History
        </Title>
        <RangeSelector value={range} onChange={setRange} />
      </Group>
      {chart.error && (
        <Alert color="yellow" title="History unavailable">
          {chart.error.message}
        </Alert>
      )}
      <LazyDashboardCharts
        points={chart.points}
        range={range}
        resolutionMs={chart.resolutionMs}
        loading={chart.loading}
      />
      <OnlineAdmins selfId={admin?.id} connections={live.points[live.points.length - 1]?.connections} />
      <RecentAudit limit={10} enabled={canSeeAudit} />
    </Stack>
  );
}
