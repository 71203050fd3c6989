import { Alert, Button, FileInput, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { formatBytes } from '@/lib/format';
import { useRestoreBackup } from '../api/restore-backup';
import { useRestoreUpload } from '../api/restore-upload';
import type { RestoreResult } from '../types';

/** What every restore does, said before it is confirmed. */
function Consequences() {
  return (
    <List size="sm" spacing={4} mt="xs">
      <List.Item>The file is checked first; a damaged or foreign file changes nothing.</List.Item>
      <List.Item>A safety backup of the current database is taken and listed here.</List.Item>
      <List.Item>Everything written since the backup is replaced (it stays in the safety backup).</List.Item>
      <List.Item>Everyone is signed out, you too, and live views reconnect after signing in.</List.Item>
    </List>
  );
}

/**
 * The outcome stays on screen (a toast that does not close by itself) while the app goes to the sign-in
 * page: the session that asked for the restore has ended with all the others.
 */
function announce(result: RestoreResult, onSignedOut: () => void) {
  notifications.show({
    id: 'database-restored',
    color: 'green',
    autoClose: false,
    title: 'Database restored',
    message: `Restored from ${result.source}${result.migrated ? ` (migrated from schema ${result.schema_version})` : ''}. Safety backup: ${result.safety_backup.name}. Everyone has been signed out: sign in again.`,
  });
  onSignedOut();
}

/** Confirmation and outcome of restoring a listed backup. */
export function RestoreBackupModal({
  name,
  onClose,
  onSignedOut,
}: {
  name: string | null;
  onClose: () => void;
  onSignedOut: () => void;
}) {
  const restore = useRestoreBackup({ onSuccess: (result) => announce(result, onSignedOut) });
  const close = () => {
    restore.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={name !== null}
      title="Restore this backup?"
      confirmLabel="Restore backup"
      loading={restore.isPending}
      onConfirm={() => name && restore.mutate(name)}
      onClose={close}
    >
      The database will be replaced by{' '}
      <Text span ff="monospace" fw={600}>
        {name}
      </Text>
      .
      <Consequences />
      {restore.isError && (
        <Alert color="red" mt="sm" title="Not restored">
          {restore.error.message}
        </Alert>
      )}
    </ConfirmModal>
  );
}

/** "Restore from file": pick a SQLite file, confirm, upload. */
export function RestoreFromFileButton({
  maxUploadSize,
  onSignedOut,
}: {
  maxUploadSize?: number;
  onSignedOut: () => void;
}) {
  const [opened, setOpened] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const upload = useRestoreUpload({ onSuccess: (result) => announce(result, onSignedOut) });
  const tooLarge = file !== null && maxUploadSize !== undefined && file.size > maxUploadSize;
  const close = () => {
    upload.reset();
    setFile(null);
    setOpened(false);
  };
  return (
    <>
      <Button variant="default" leftSection={<IconFileUpload size={16} />} onClick={() => setOpened(true)}>
        Restore from file
      </Button>
      <ConfirmModal
        opened={opened}
        title="Restore from a file?"
        confirmLabel="Upload and restore"
        loading={upload.isPending}
        onConfirm={() => {
          if (file && !tooLarge) {
            upload.mutate(file);
          }
        }}
        onClose={close}
      >
        <Stack gap="xs">
          <FileInput
            label="SQLite backup file"
            placeholder="vigil-….db"
            leftSection={<IconRestore size={16} />}
            value={file}
            onChange={(picked) => {
              upload.reset();
              setFile(picked);
            }}
            error={
              tooLarge && maxUploadSize !== undefined ? `Larger than the limit of ${formatBytes(maxUploadSize)}` : null
            }
            clearable
          />
          <Text size="sm">The database will be replaced by the uploaded file.</Text>
        </Stack>
        <Consequences />
        {upload.isError && (
          <Alert color="red" mt="sm" title="Not restored">
            {upload.error.message}
          </Alert>
        )}
      </ConfirmModal>
    </>
  );
}
