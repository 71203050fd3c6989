import { Paper, SimpleGrid, Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { DashboardChartsProps } from './dashboard-charts';

// recharts is large and only this page uses it: load it as its own chunk when the dashboard opens.
const Charts = lazy(() => import('./dashboard-charts').then((m) => ({ default: m.DashboardCharts })));

function ChartsSkeleton() {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {Array.from({ length: 6 }, (_, i) => (
        <Paper key={i} withBorder p="md" radius="md">
          <Skeleton h={18} w="40%" mb="xs" />
          <Skeleton h={200} />
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function LazyDashboardCharts(props: DashboardChartsProps) {
  return (
    <Suspense fallback={<ChartsSkeleton />}>
      <Charts {...props} />
    </Suspense>
  );
}
