import { Group, Stack, Text, Title } from '@mantine/core';
import { BackupList, CreateBackupButton } from '@/features/backups/components/backup-list';

export function BackupsRoute() {
  return (
    <Stack>
      <Group justify="space-between" align="center" wrap="wrap">
        <div>
          <Title order={2}>Backups</Title>
          <Text size="sm" c="dimmed">
            Consistent copies of the database, taken while the server keeps running.
          </Text>
        </div>
        <CreateBackupButton />
      </Group>
      <BackupList />
    </Stack>
  );
}
