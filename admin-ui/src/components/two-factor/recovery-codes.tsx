import { Alert, Button, Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconDownload } from '@tabler/icons-react';
import { copyText } from '@/lib/copy-text';

/** The one-time recovery codes, shown once: copy or download them before leaving. */
export function RecoveryCodes({
  codes,
  onDone,
  doneLabel = 'Done',
}: {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}) {
  const text = `Vigil recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  const copy = () =>
    copyText(text).then(
      () => notifications.show({ message: 'Recovery codes copied', autoClose: 2000 }),
      (error: Error) => notifications.show({ color: 'red', message: error.message }),
    );
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'vigil-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Stack gap="sm">
      <Alert color="yellow" title="Save your recovery codes">
        Each code signs you in once if you lose your phone. They are shown only now.
      </Alert>
      <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes">
        {codes.map((code) => (
          <Code key={code} fz="sm" ta="center">
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="default" size="xs" leftSection={<IconCopy size={14} />} onClick={copy}>
            Copy
          </Button>
          <Button variant="default" size="xs" leftSection={<IconDownload size={14} />} onClick={download}>
            Download
          </Button>
        </Group>
        <Button onClick={onDone}>{doneLabel}</Button>
      </Group>
      <Text size="xs" c="dimmed">
        Lost both? A superadmin can reset your second factor.
      </Text>
    </Stack>
  );
}
