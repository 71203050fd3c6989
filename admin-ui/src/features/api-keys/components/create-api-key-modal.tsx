import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { useCreateApiKey } from '../api/create-api-key';
import { useApiKeyScopes } from '../api/get-api-key-scopes';
import { curlExample, EXPIRY_CHOICES, expiresAt } from '../lib/api-key';

const SCOPE_HELP: Record<string, string> = {
  'notifications:send': 'Send notifications to admins, a role or everyone',
  'notifications:read': 'Stream your notifications (SSE or WebSocket)',
  'logs:read': 'Read log history and files, stream the live log',
  'dashboard:read': 'Read the dashboard snapshot, history and stream',
};

/** Creates a key, then shows its secret once (with a curl example) until closed. */
export function CreateApiKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const scopes = useApiKeyScopes();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [expiry, setExpiry] = useState('90');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  // Each opening starts with an empty form.
  const [shown, setShown] = useState(false);
  if (shown !== opened) {
    setShown(opened);
    if (opened) {
      setName('');
      setChosen([]);
      setExpiry('90');
      setErrors({});
      setFormError(null);
      setSecret(null);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'name is required';
    if (chosen.length === 0) problems.scopes = 'at least one scope is required';
    setErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0) return;
    create.mutate(
      { name: name.trim(), scopes: chosen, expires_at: expiresAt(expiry) },
      {
        onSuccess: (created) => setSecret(created.secret),
        onError: (error) => {
          if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
            setErrors(error.fields);
          } else {
            setFormError(error.message);
          }
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={create.isPending ? () => {} : onClose} title="New API key" centered size="lg">
      {secret ? (
        <Stack>
          <Alert color="yellow" title="Copy the key now">
            This is the only time Vigil shows it: only a hash is stored. Keep it in your secret store.
          </Alert>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="api-key-secret">
              {secret}
            </Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  onClick={copy}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                >
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            Try it:
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {curlExample(window.location.origin, secret, chosen)}
          </Code>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="New API key">
          <Stack>
            {formError && (
              <Alert color="red" title="Could not create the key">
                {formError}
              </Alert>
            )}
            <TextInput
              label="Name"
              description="What uses it, e.g. “CI deploys” or “backup script”"
              required
              maxLength={100}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setErrors(({ name: _gone, ...rest }) => rest);
              }}
              error={errors.name}
              data-autofocus
            />
            <Checkbox.Group
              label="Scopes"
              description="What the key may do on /api/v1"
              required
              value={chosen}
              onChange={(value) => {
                setChosen(value);
                setErrors(({ scopes: _gone, ...rest }) => rest);
              }}
              error={errors.scopes}
            >
              <Stack gap="xs" mt="xs">
                {(scopes.data?.scopes ?? []).map((scope) => (
                  <Checkbox
                    key={scope.id}
                    value={scope.id}
                    label={<Code>{scope.id}</Code>}
                    description={SCOPE_HELP[scope.id]}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            <Select
              label="Expires"
              data={EXPIRY_CHOICES.map(({ value, label }) => ({ value, label }))}
              value={expiry}
              onChange={(value) => setExpiry(value ?? 'never')}
              allowDeselect={false}
              error={errors.expires_at}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={create.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
