import { Alert, Group, Paper, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCalendarTime,
  IconCircleCheck,
  IconClock,
  IconPlayerPlay,
  IconRepeat,
  IconX,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useQueueStats } from '../api/get-queue-stats';
import type { QueueStats } from '../types';

const CARDS: { key: keyof QueueStats; label: string; color: string; icon: ReactNode }[] = [
  { key: 'enqueued', label: 'Enqueued', color: 'blue', icon: <IconClock size={18} /> },
  { key: 'scheduled', label: 'Scheduled', color: 'cyan', icon: <IconCalendarTime size={18} /> },
  { key: 'processing', label: 'Running', color: 'indigo', icon: <IconPlayerPlay size={18} /> },
  { key: 'succeeded', label: 'Succeeded', color: 'green', icon: <IconCircleCheck size={18} /> },
  { key: 'failed', label: 'Failed', color: 'red', icon: <IconX size={18} /> },
  { key: 'failed_last24h', label: 'Failed (24 h)', color: 'orange', icon: <IconAlertTriangle size={18} /> },
  { key: 'recurring', label: 'Recurring', color: 'grape', icon: <IconRepeat size={18} /> },
];

/** Queue counts, refreshed every 5 s. */
export function QueueStatsCards() {
  const stats = useQueueStats();
  if (stats.isError && !stats.data) {
    return (
      <Alert color="red" title="Could not load queue statistics">
        {stats.error.message}
      </Alert>
    );
  }
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, md: 4, lg: 7 }} spacing="sm">
      {CARDS.map((card) => {
        const value = stats.data?.stats[card.key];
        const alarming = (card.key === 'failed' || card.key === 'failed_last24h') && (value ?? 0) > 0;
        return (
          <Paper key={card.key} withBorder p="sm" radius="md" data-testid={`stat-${card.key}`}>
            <Text size="xs" c="dimmed" fw={600} truncate title={card.label}>
              {card.label}
            </Text>
            <Group justify="space-between" wrap="nowrap" gap="xs" mt={4}>
              {value === undefined ? (
                <Skeleton h={28} w="50%" />
              ) : (
                <Text
                  fz={26}
                  fw={700}
                  lh={1.1}
                  c={alarming ? card.color : undefined}
                  aria-label={`${card.label}: ${value}`}
                >
                  {value.toLocaleString()}
                </Text>
              )}
              <ThemeIcon variant="light" color={card.color} size="md" radius="md" aria-hidden>
                {card.icon}
              </ThemeIcon>
            </Group>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
