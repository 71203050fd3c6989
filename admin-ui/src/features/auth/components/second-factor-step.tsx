import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { useSubmitSecondFactor } from '../api/submit-second-factor';
import { RestartLink } from './restart-link';

/** The second step of a password sign-in: the code from the app, or one of the recovery codes. */
export function SecondFactorStep({ onSuccess, onRestart }: { onSuccess: () => void; onRestart: () => void }) {
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const submit = useSubmitSecondFactor();
  const error = submit.error;
  // Too many wrong codes, or the five minutes are over: only a new sign-in helps.
  const over = error instanceof ApiError && (error.status === 429 || error.message.startsWith('no sign-in is waiting'));

  const send = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate(code.trim(), { onSuccess });
  };

  return (
    <form onSubmit={send} noValidate>
      <Stack>
        <div>
          <Text fw={600}>Two-factor authentication</Text>
          <Text size="sm" c="dimmed">
            {recovery
              ? 'Enter one of the recovery codes you saved. Each works once.'
              : 'Enter the six-digit code from your authenticator app.'}
          </Text>
        </div>
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" title="Not signed in">
            {error.message}
          </Alert>
        )}
        <TextInput
          key={recovery ? 'recovery' : 'totp'}
          label={recovery ? 'Recovery code' : 'Authentication code'}
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          maxLength={recovery ? 24 : 8}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          disabled={over}
          data-autofocus
          autoFocus
        />
        <Button type="submit" loading={submit.isPending} disabled={over || code.trim() === ''} fullWidth>
          Verify
        </Button>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setRecovery(!recovery);
            setCode('');
            submit.reset();
          }}
        >
          {recovery ? 'Use the code from your app' : 'Use a recovery code'}
        </Anchor>
        <RestartLink onRestart={onRestart} />
      </Stack>
    </form>
  );
}
