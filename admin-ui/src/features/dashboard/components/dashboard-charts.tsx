import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Center, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { formatBytes } from '@/lib/format';
import { formatDecimal, formatMillis, formatNumber, formatRate, formatStep } from '../lib/format';
import { streamsIn, withAllStreams, type MetricPoint } from '../lib/series';
import type { HistoryRange } from '../types';

const CHART_HEIGHT = 200;
const STREAM_COLORS = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'pink.6', 'lime.6'];

// Lines only: Mantine's AreaChart renders its areas inside fragments, which recharts 2 (with its own
// react-is 18) does not recognise as children under React 19, so its areas never draw.
// Live data re-renders every few seconds: no animation (it would replay on each point), no dots.
const common = {
  h: CHART_HEIGHT,
  dataKey: 'time',
  withDots: false,
  // Linear: a smoothed curve would invent values between the points (and below zero).
  curveType: 'linear' as const,
  strokeWidth: 1.6,
  xAxisProps: { minTickGap: 48 },
  tooltipAnimationDuration: 0,
};
const integerAxis = { allowDecimals: false };
const noAnimation = { isAnimationActive: false };

function ChartCard({
  title,
  description,
  testId,
  empty,
  emptyText,
  children,
}: {
  title: string;
  description: string;
  testId: string;
  empty: boolean;
  emptyText: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId} role="figure" aria-label={title}>
      <Stack gap={2} mb="sm">
        <Title order={4} fz="md">
          {title}
        </Title>
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      </Stack>
      {empty ? (
        <Center h={CHART_HEIGHT}>
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        </Center>
      ) : (
        children
      )}
    </Paper>
  );
}

export interface DashboardChartsProps {
  points: MetricPoint[];
  range: HistoryRange;
  /** Time between points (ms), for the descriptions; null when not known yet. */
  resolutionMs: number | null;
  loading?: boolean;
}

/**
 * The charts, two per row from md up. Needs at least two points to draw a line. Beyond the hour each
 * point is a bucket: counters show what the bucket served, heap and log rate its mean, connections its
 * peak (the descriptions say which).
 */
export function DashboardCharts({ points, range, resolutionMs, loading = false }: DashboardChartsProps) {
  const streams = useMemo(() => streamsIn(points), [points]);
  const connectionData = useMemo(() => withAllStreams(points, streams), [points, streams]);
  const empty = points.length < 2;
  const count = (v: number) => formatNumber(v);
  const live = range === '1h';
  const step = resolutionMs ? formatStep(resolutionMs) : 'interval';
  const perStep = `per ${step}`;
  const card = {
    empty,
    emptyText: loading
      ? 'Loading history…'
      : live
        ? 'Collecting data… the chart fills in with every update.'
        : 'Not enough history for this range yet.',
  };

  return (
    <SimpleGrid
      cols={{ base: 1, md: 2 }}
      spacing="md"
      data-testid="dashboard-charts"
      data-range={range}
      data-points={points.length}
    >
      <ChartCard testId="chart-requests" title="Requests" description={`HTTP requests served ${perStep}`} {...card}>
        <LineChart
          {...common}
          data={points}
          yAxisProps={integerAxis}
          series={[{ name: 'requests', label: 'Requests', color: 'blue.6' }]}
          valueFormatter={count}
          lineProps={noAnimation}
        />
      </ChartCard>
      <ChartCard
        testId="chart-status"
        title="Responses by status"
        description={`Responses ${perStep}, by status class`}
        {...card}
      >
        <LineChart
          {...common}
          data={points}
          valueFormatter={count}
          lineProps={noAnimation}
          yAxisProps={integerAxis}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          series={[
            { name: 's2xx', label: '2xx', color: 'teal.6' },
            { name: 's3xx', label: '3xx', color: 'blue.5' },
            { name: 's4xx', label: '4xx', color: 'yellow.6' },
            { name: 's5xx', label: '5xx', color: 'red.6' },
          ]}
        />
      </ChartCard>
      <ChartCard
        testId="chart-latency"
        title="Latency"
        description={`Mean response time: ${perStep} and since start`}
        {...card}
      >
        <LineChart
          {...common}
          data={points}
          valueFormatter={formatMillis}
          lineProps={noAnimation}
          connectNulls
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          series={[
            { name: 'latency', label: 'Interval mean', color: 'grape.6' },
            { name: 'mean_latency', label: 'Overall mean', color: 'gray.6', strokeDasharray: '4 3' },
          ]}
        />
      </ChartCard>
      <ChartCard
        testId="chart-heap"
        title="Heap"
        description={live ? 'JVM heap in use' : `JVM heap in use, mean ${perStep}`}
        {...card}
      >
        <LineChart
          {...common}
          data={points}
          valueFormatter={formatBytes}
          lineProps={noAnimation}
          yAxisProps={{ width: 70 }}
          series={[{ name: 'heap_used', label: 'Heap used', color: 'orange.6' }]}
        />
      </ChartCard>
      <ChartCard
        testId="chart-connections"
        title="Open connections"
        description={live ? 'Stream connections by stream' : `Stream connections by stream, peak ${perStep}`}
        {...card}
      >
        <LineChart
          {...common}
          data={connectionData}
          valueFormatter={count}
          lineProps={noAnimation}
          yAxisProps={integerAxis}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 28 }}
          curveType="step"
          series={[
            ...streams.map((name, i) => ({
              name: `conn_${name}`,
              label: name,
              color: STREAM_COLORS[i % STREAM_COLORS.length],
            })),
            { name: 'connections', label: 'Total', color: 'gray.6', strokeDasharray: '4 3' },
          ]}
        />
      </ChartCard>
      <ChartCard
        testId="chart-log-rate"
        title="Log lines"
        description={live ? 'Lines read from the log files per second' : `Lines read per second, mean ${perStep}`}
        {...card}
      >
        <LineChart
          {...common}
          data={points}
          valueFormatter={(v) => formatRate(v)}
          lineProps={noAnimation}
          yAxisProps={{ tickFormatter: (v: number) => formatDecimal(v, 1) }}
          series={[{ name: 'log_rate', label: 'Lines/s', color: 'pink.6' }]}
        />
      </ChartCard>
    </SimpleGrid>
  );
}
