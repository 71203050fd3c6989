import { Stack, Text, Title } from '@mantine/core';
import { CronList } from '@/features/jobs/components/cron-list';
import { JobList } from '@/features/jobs/components/job-list';
import { QueueStatsCards } from '@/features/jobs/components/queue-stats-cards';

export function JobsRoute() {
  return (
    <Stack>
      <div>
        <Title order={2}>Jobs</Title>
        <Text size="sm" c="dimmed">
          The background job queue and the recurring maintenance tasks.
        </Text>
      </div>
      <QueueStatsCards />
      <JobList />
      <CronList />
    </Stack>
  );
}
