import { Group, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useBackups } from '@/features/backups/api/get-backups';
import { BackupList, CreateBackupButton } from '@/features/backups/components/backup-list';
import { RestoreFromFileButton } from '@/features/backups/components/restore-backup';
import { queryClient } from '@/lib/query-client';

export function BackupsRoute() {
  const navigate = useNavigate();
  const backups = useBackups();
  // After a restore every session has ended: forget what was loaded and sign in again.
  const signedOut = () => {
    queryClient.clear();
    navigate('/login', { replace: true });
  };
  return (
    <Stack>
      <Group justify="space-between" align="center" wrap="wrap">
        <div>
          <Title order={2}>Backups</Title>
          <Text size="sm" c="dimmed">
            Consistent copies of the database, taken while the server keeps running.
          </Text>
        </div>
        <Group gap="xs">
          <RestoreFromFileButton maxUploadSize={backups.data?.max_upload_size} onSignedOut={signedOut} />
          <CreateBackupButton />
        </Group>
      </Group>
      <BackupList onSignedOut={signedOut} />
    </Stack>
  );
}
