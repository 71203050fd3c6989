import { Alert, Anchor, Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabase, IconDatabasePlus, IconDownload, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { ListStatus } from '@/components/list-status';
import { RowAction } from '@/components/row-action';
import { dateTime, formatBytes, relativeTime } from '@/lib/format';
import { useCreateBackup } from '../api/create-backup';
import { useDeleteBackup } from '../api/delete-backup';
import { backupDownloadUrl } from '../api/download-backup';
import { useBackups } from '../api/get-backups';
import { totalSize } from '../lib/format';
import type { Backup } from '../types';
import { RestoreBackupModal } from './restore-backup';

function BackupRow({ backup, onRestore, onDelete }: { backup: Backup; onRestore: () => void; onDelete: () => void }) {
  return (
    <Table.Tr data-testid="backup-row">
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <IconDatabase size={16} style={{ flex: 'none', opacity: 0.6 }} />
          <Anchor
            href={backupDownloadUrl(backup.name)}
            download={backup.name}
            size="sm"
            ff="monospace"
            style={{ wordBreak: 'break-all' }}
          >
            {backup.name}
          </Anchor>
          {backup.name.endsWith('-pre-restore.db') && (
            <Badge size="xs" variant="light" color="orange" style={{ flex: 'none' }}>
              before restore
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatBytes(backup.size)}</Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{dateTime(backup.created)}</Text>
        <Text size="xs" c="dimmed">
          {relativeTime(backup.created)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <RowAction
            tooltip="Download"
            label={`Download ${backup.name}`}
            icon={IconDownload}
            href={backupDownloadUrl(backup.name)}
            download={backup.name}
          />
          <RowAction tooltip="Restore" label={`Restore ${backup.name}`} icon={IconRestore} onClick={onRestore} />
          <RowAction tooltip="Delete" label={`Delete ${backup.name}`} icon={IconTrash} color="red" onClick={onDelete} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Create backup button; the request returns when VACUUM INTO has written the whole copy. */
export function CreateBackupButton({
  label = 'Create backup',
  variant,
  size,
}: {
  label?: string;
  variant?: string;
  size?: string;
}) {
  const create = useCreateBackup();
  return (
    <Button
      leftSection={<IconDatabasePlus size={16} />}
      loading={create.isPending}
      variant={variant}
      size={size}
      onClick={() =>
        create.mutate(undefined, {
          onSuccess: ({ backup }) =>
            notifications.show({
              color: 'green',
              title: 'Backup created',
              message: `${backup.name} (${formatBytes(backup.size)})`,
            }),
        })
      }
    >
      {label}
    </Button>
  );
}

/**
 * The backup files, newest first, each downloadable, restorable and deletable (with confirmation).
 * `onSignedOut`: a restore ended every session, this one too.
 */
export function BackupList({ onSignedOut }: { onSignedOut: () => void }) {
  const backups = useBackups();
  const remove = useDeleteBackup();
  const [doomed, setDoomed] = useState<Backup | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const list = backups.data?.backups ?? [];

  const confirmDelete = () => {
    if (!doomed) return;
    remove.mutate(doomed.name, {
      onSuccess: () => {
        notifications.show({ color: 'green', title: 'Backup deleted', message: doomed.name });
        setDoomed(null);
      },
    });
  };

  return (
    <Paper withBorder radius="md">
      {backups.isError && (
        <Alert color="red" m="sm" title="Could not load backups">
          {backups.error.message}
        </Alert>
      )}
      <ListStatus
        loading={backups.isPending}
        empty={backups.isSuccess && list.length === 0}
        icon={<IconDatabase size={32} />}
        action={<CreateBackupButton label="Create the first backup" variant="light" size="xs" />}
      >
        No backups yet. A backup is taken every night at 02:00 UTC, or create one now.
      </ListStatus>
      {list.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="xs" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((backup) => (
                  <BackupRow
                    key={backup.name}
                    backup={backup}
                    onRestore={() => setRestoring(backup.name)}
                    onDelete={() => setDoomed(backup)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" c="dimmed" p="sm">
            {list.length} backup{list.length === 1 ? '' : 's'}, {formatBytes(totalSize(list))} in total. Nightly backups
            older than 7 days are pruned automatically.
          </Text>
        </>
      )}

      <RestoreBackupModal name={restoring} onClose={() => setRestoring(null)} onSignedOut={onSignedOut} />
      <ConfirmModal
        opened={doomed !== null}
        title="Delete backup?"
        confirmLabel="Delete backup"
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDoomed(null)}
      >
        <Text span ff="monospace" fw={600}>
          {doomed?.name}
        </Text>{' '}
        will be deleted from the server. This cannot be undone.
      </ConfirmModal>
    </Paper>
  );
}
