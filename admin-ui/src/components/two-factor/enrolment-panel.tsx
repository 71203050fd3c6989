import { Alert, Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { TwoFactorEnrolment } from './types';

/** Groups of four, as apps show a key typed by hand; spaces are ignored when it is entered. */
const spaced = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Setting up an authenticator app: the QR code, the secret to type instead, and the first code that
 * confirms it. Used at sign-in (when the policy requires a factor) and on the profile.
 */
export function EnrolmentPanel({
  enrolment,
  onConfirm,
  pending,
  error,
  confirmLabel = 'Turn on',
}: {
  enrolment: TwoFactorEnrolment;
  onConfirm: (code: string) => void;
  pending: boolean;
  error: string | null;
  confirmLabel?: string;
}) {
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(code.replace(/\s/g, ''));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          Scan this code with an authenticator app (for example Aegis, Google Authenticator, 1Password or Bitwarden).
        </Text>
        <Image
          src={enrolment.qr_code}
          alt="QR code for your authenticator app"
          w={180}
          h={180}
          mx="auto"
          radius="sm"
          style={{ imageRendering: 'pixelated' }}
        />
        <div>
          <Text size="sm" c="dimmed">
            Or enter this key by hand:
          </Text>
          <Code block data-testid="two-factor-secret" data-secret={enrolment.secret} fz="md" ta="center">
            {spaced(enrolment.secret)}
          </Code>
        </div>
        {error && (
          <Alert color="red" role="alert" title="Not confirmed">
            {error}
          </Alert>
        )}
        <TextInput
          label="Code from the app"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={8}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button type="submit" loading={pending} disabled={code.replace(/\s/g, '').length < 6}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
