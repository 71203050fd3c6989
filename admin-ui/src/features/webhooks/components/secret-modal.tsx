import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** The signing secret, shown once (after create or rotate): the server never returns it again. */
export function SecretModal({ secret, name, onClose }: { secret: string | null; name: string; onClose: () => void }) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title={`Signing secret for ${name}`} centered size="lg">
      <Stack>
        <Alert color="yellow" title="Copy it now">
          This secret is shown only once. The receiver needs it to verify the <Code>X-Vigil-Signature</Code> header of
          each delivery.
        </Alert>
        <Code block data-testid="webhook-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {secret}
        </Code>
        <Text size="sm" c="dimmed">
          Signature: <Code>t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256 of &quot;t.body&quot;&gt;</Code>, keyed with this
          secret.
        </Text>
        <Group justify="flex-end">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy secret'}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
