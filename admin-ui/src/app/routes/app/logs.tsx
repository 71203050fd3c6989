import { Stack, Title } from '@mantine/core';
import { LogViewer } from '@/features/logs/components/log-viewer';

export function LogsRoute() {
  return (
    // The page fills the viewport below the header so that only the log list scrolls.
    <Stack gap="sm" mih={480} h="calc(100dvh - var(--app-shell-header-height, 56px) - 2 * var(--mantine-spacing-md))">
      <LogViewer title={<Title order={2}>Logs</Title>} />
    </Stack>
  );
}
