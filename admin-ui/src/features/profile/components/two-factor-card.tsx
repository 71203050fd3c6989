import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { EnrolmentPanel } from '@/components/two-factor/enrolment-panel';
import { RecoveryCodes } from '@/components/two-factor/recovery-codes';
import { ApiError } from '@/lib/api-client';
import { useConfirmSecondFactorEnrolment } from '../api/confirm-second-factor-enrolment';
import { useDisableSecondFactor } from '../api/disable-second-factor';
import { useSecondFactor } from '../api/get-second-factor';
import { useRegenerateRecoveryCodes } from '../api/regenerate-recovery-codes';
import { useStartSecondFactorEnrolment } from '../api/start-second-factor-enrolment';

type Mode = 'idle' | 'enrol' | 'regenerate' | 'disable' | { codes: string[] };

/** Two-factor authentication of the signed-in admin: set up, new recovery codes, turn off. */
export function TwoFactorCard() {
  const status = useSecondFactor();
  const [mode, setMode] = useState<Mode>('idle');
  const start = useStartSecondFactorEnrolment();
  const confirm = useConfirmSecondFactorEnrolment();

  const header = (
    <Group justify="space-between" align="flex-start">
      <div>
        <Title order={3} size="h4">
          Two-factor authentication
        </Title>
        <Text size="sm" c="dimmed">
          A code from an authenticator app after your password.
        </Text>
      </div>
      {status.data && (
        <Badge color={status.data.enrolled ? 'green' : 'gray'} variant="light">
          {status.data.enrolled ? 'On' : 'Off'}
        </Badge>
      )}
    </Group>
  );

  let body;
  if (status.isPending) {
    body = <Skeleton h={36} />;
  } else if (status.isError) {
    body = <Alert color="red">{status.error.message}</Alert>;
  } else if (typeof mode === 'object') {
    body = <RecoveryCodes codes={mode.codes} onDone={() => setMode('idle')} />;
  } else if (mode === 'enrol' && start.data) {
    body = (
      <Stack gap="xs">
        <EnrolmentPanel
          enrolment={start.data}
          pending={confirm.isPending}
          error={confirm.error?.message ?? null}
          onConfirm={(code) =>
            confirm.mutate(code, {
              onSuccess: ({ recovery_codes }) => {
                notifications.show({ color: 'green', message: 'Two-factor authentication is on' });
                setMode({ codes: recovery_codes });
              },
            })
          }
        />
        <Group justify="flex-start">
          <Button variant="subtle" size="xs" onClick={() => setMode('idle')}>
            Cancel
          </Button>
        </Group>
      </Stack>
    );
  } else if (mode === 'regenerate') {
    body = <RegenerateForm onDone={(codes) => setMode({ codes })} onCancel={() => setMode('idle')} />;
  } else if (mode === 'disable') {
    body = <DisableForm onDone={() => setMode('idle')} onCancel={() => setMode('idle')} />;
  } else if (status.data.enrolled) {
    body = (
      <Stack gap="sm">
        <Text size="sm">
          {status.data.recovery_codes_left} of 10 recovery codes left.
          {status.data.required && ' Your role requires a second factor.'}
        </Text>
        <Group>
          <Button variant="default" onClick={() => setMode('regenerate')}>
            New recovery codes
          </Button>
          {!status.data.required && (
            <Button variant="default" color="red" onClick={() => setMode('disable')}>
              Turn off
            </Button>
          )}
        </Group>
      </Stack>
    );
  } else {
    body = (
      <Stack gap="sm">
        {status.data.required && (
          <Alert color="yellow" title="Required for your role">
            Set up a second factor: without one you are asked to at your next sign-in.
          </Alert>
        )}
        {start.error && <Alert color="red">{start.error.message}</Alert>}
        <Group>
          <Button
            loading={start.isPending}
            onClick={() => start.mutate(undefined, { onSuccess: () => setMode('enrol') })}
          >
            Set up
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Paper withBorder p="lg" radius="md" data-testid="two-factor-card">
      <Stack>
        {header}
        {body}
      </Stack>
    </Paper>
  );
}

function CodeField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <TextInput
      label="Code from the app (or a recovery code)"
      autoComplete="one-time-code"
      maxLength={24}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
    />
  );
}

function RegenerateForm({ onDone, onCancel }: { onDone: (codes: string[]) => void; onCancel: () => void }) {
  const [code, setCode] = useState('');
  const regenerate = useRegenerateRecoveryCodes();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    regenerate.mutate(code.trim(), { onSuccess: ({ recovery_codes }) => onDone(recovery_codes) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">New codes replace the ones you have: the old ones stop working.</Text>
        {regenerate.error && <Alert color="red">{regenerate.error.message}</Alert>}
        <CodeField value={code} onChange={setCode} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={regenerate.isPending} disabled={code.trim() === ''}>
            Make new codes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisableForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const disable = useDisableSecondFactor();
  const error = disable.error;
  const fields = error instanceof ApiError ? error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate(
      { password, code: code.trim() },
      {
        onSuccess: () => {
          notifications.show({ message: 'Two-factor authentication is off' });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {error && Object.keys(fields).length === 0 && <Alert color="red">{error.message}</Alert>}
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fields.password}
        />
        <CodeField value={code} onChange={setCode} error={fields.code} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={disable.isPending}>
            Turn off
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
