import { Button, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileExport } from '@tabler/icons-react';
import { useStartAuditExport } from '../api/start-audit-export';

/** Starts the background CSV export; the download link arrives as a notification (the bell). */
export function ExportAuditButton() {
  const exportAudit = useStartAuditExport();
  return (
    <Tooltip label="Exports the whole audit log as CSV in the background" openDelay={300}>
      <Button
        variant="default"
        leftSection={<IconFileExport size={16} />}
        loading={exportAudit.isPending}
        onClick={() =>
          exportAudit.mutate(undefined, {
            onSuccess: () =>
              notifications.show({
                color: 'green',
                title: 'Export started',
                message:
                  'The CSV is being written in the background. You will get a notification with a download link when it is ready.',
                autoClose: 8000,
              }),
          })
        }
      >
        Export CSV
      </Button>
    </Tooltip>
  );
}
