import { Group, Paper, Progress, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import {
  IconActivity,
  IconClock,
  IconCpu,
  IconDatabase,
  IconFileText,
  IconGauge,
  IconListCheck,
  IconPlugConnected,
  IconServer,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatBytes } from '@/lib/format';
import { formatDuration, formatMillis, formatNumber, formatRate } from '../lib/format';
import { connectionsByStream, totalConnections, type MetricPoint } from '../lib/series';
import type { DashboardSnapshot } from '../types';

interface StatCardProps {
  statKey: string;
  label: string;
  icon: ReactNode;
  color: string;
  value: string | null;
  detail?: ReactNode;
  children?: ReactNode;
}

/** One number with its label; `data-testid="stat-<key>"`, the value in `data-testid="stat-value"`. */
export function StatCard({ statKey, label, icon, color, value, detail, children }: StatCardProps) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={`stat-${statKey}`} role="group" aria-label={label}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} lh={1.3}>
          {label}
        </Text>
        <ThemeIcon variant="light" color={color} size="md" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
      </Group>
      {value === null ? (
        <Skeleton h={28} w="60%" mt={6} />
      ) : (
        <Text fz={26} fw={700} lh={1.2} mt={4} data-testid="stat-value" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {value}
        </Text>
      )}
      {children}
      {detail !== undefined && value !== null && (
        <Text size="xs" c="dimmed" mt={4} lineClamp={2}>
          {detail}
        </Text>
      )}
    </Paper>
  );
}

const ICON = { size: 18, stroke: 1.6 };

/** When the server started: the time alone if today, else date and time. */
function startedAt(s: DashboardSnapshot): string {
  const started = new Date(Date.parse(s.time) - s.uptime_seconds * 1000);
  const today = new Date().toDateString() === started.toDateString();
  return today
    ? started.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : started.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The stat cards; values come from the newest snapshot, the "last interval" details from the last point. */
export function StatCards({ snapshot, lastPoint }: { snapshot: DashboardSnapshot | null; lastPoint?: MetricPoint }) {
  const s = snapshot;
  const byStream = s ? connectionsByStream(s) : {};
  const streams = Object.entries(byStream).filter(([, n]) => n > 0);
  const heapShare = s && s.heap_max > 0 ? Math.min(100, (s.heap_used / s.heap_max) * 100) : null;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
      <StatCard
        statKey="sessions"
        label="Active sessions"
        icon={<IconUsers {...ICON} />}
        color="indigo"
        value={s && formatNumber(s.active_sessions)}
        detail="signed-in admin sessions"
      />
      <StatCard
        statKey="uptime"
        label="Uptime"
        icon={<IconClock {...ICON} />}
        color="teal"
        value={s && formatDuration(s.uptime_seconds)}
        detail={s && `since ${startedAt(s)}`}
      />
      <StatCard
        statKey="requests"
        label="HTTP requests"
        icon={<IconActivity {...ICON} />}
        color="blue"
        value={s && formatNumber(s.http.requests)}
        detail={
          s && (
            <>
              {lastPoint?.requests != null && `+${formatNumber(lastPoint.requests)} last interval · `}
              {`${formatNumber(s.http['4xx'])} 4xx · ${formatNumber(s.http['5xx'])} 5xx`}
            </>
          )
        }
      />
      <StatCard
        statKey="latency"
        label="Mean latency"
        icon={<IconGauge {...ICON} />}
        color="grape"
        value={s && formatMillis(s.http.mean_ms)}
        detail={lastPoint?.latency != null ? `${formatMillis(lastPoint.latency)} last interval` : 'since start'}
      />
      <StatCard
        statKey="heap"
        label="Heap used"
        icon={<IconCpu {...ICON} />}
        color="orange"
        value={s && formatBytes(s.heap_used)}
        detail={s && (s.heap_max > 0 ? `of ${formatBytes(s.heap_max)} max` : 'no maximum set')}
      >
        {heapShare !== null && (
          <Progress
            value={heapShare}
            size="sm"
            mt={8}
            color={heapShare > 85 ? 'red' : 'orange'}
            aria-label={`Heap ${Math.round(heapShare)} % of maximum`}
          />
        )}
      </StatCard>
      <StatCard
        statKey="connections"
        label="Connections"
        icon={<IconPlugConnected {...ICON} />}
        color="cyan"
        value={s && formatNumber(totalConnections(s))}
        detail={
          streams.length ? streams.map(([name, n]) => `${name} ${formatNumber(n)}`).join(' · ') : 'no open streams'
        }
      />
      <StatCard
        statKey="db"
        label="Database"
        icon={<IconDatabase {...ICON} />}
        color="lime"
        value={s && formatBytes(s.db_size)}
        detail={s && `WAL ${formatBytes(s.wal_size)}`}
      />
      <StatCard
        statKey="jobs"
        label="Queued jobs"
        icon={<IconListCheck {...ICON} />}
        color="yellow"
        value={s && formatNumber(s.queued_jobs)}
        detail={
          s && (
            <>
              {formatNumber(s.running_jobs)} running ·{' '}
              <Text
                span
                inherit
                c={s.failed_jobs_24h > 0 ? 'red' : undefined}
                fw={s.failed_jobs_24h > 0 ? 600 : undefined}
                data-testid="stat-jobs-failed"
              >
                {formatNumber(s.failed_jobs_24h)} failed in 24 h
              </Text>
            </>
          )
        }
      />
      <StatCard
        statKey="log-rate"
        label="Log lines"
        icon={<IconFileText {...ICON} />}
        color="pink"
        value={s && formatRate(s.log_lines_per_second)}
        detail="read from the log files"
      />
      <StatCard
        statKey="threads"
        label="JVM threads"
        icon={<IconServer {...ICON} />}
        color="gray"
        value={s && formatNumber(s.threads)}
        detail="live threads"
      />
    </SimpleGrid>
  );
}
