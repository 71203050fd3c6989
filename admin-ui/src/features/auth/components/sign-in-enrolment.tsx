import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { EnrolmentPanel } from '@/components/two-factor/enrolment-panel';
import { RecoveryCodes } from '@/components/two-factor/recovery-codes';
import { useConfirmSignInEnrolment } from '../api/confirm-sign-in-enrolment';
import { useStartSignInEnrolment } from '../api/start-sign-in-enrolment';
import type { Admin } from '../types';
import { RestartLink } from './restart-link';

/**
 * A sign-in whose admin must have a second factor and has none: set one up now, then see the recovery
 * codes once before entering the app.
 */
export function SignInEnrolment({ onSuccess, onRestart }: { onSuccess: () => void; onRestart: () => void }) {
  const client = useQueryClient();
  const start = useStartSignInEnrolment();
  const confirm = useConfirmSignInEnrolment();
  const [done, setDone] = useState<{ admin: Admin; recovery_codes: string[] } | null>(null);
  const { mutate: begin } = start;

  useEffect(() => {
    begin();
  }, [begin]);

  if (done) {
    return (
      <Stack>
        <Text fw={600}>Two-factor authentication is on</Text>
        <RecoveryCodes
          codes={done.recovery_codes}
          doneLabel="Continue"
          onDone={() => {
            client.setQueryData(['auth', 'status'], { admin: done.admin });
            onSuccess();
          }}
        />
      </Stack>
    );
  }
  return (
    <Stack>
      <div>
        <Text fw={600}>Set up two-factor authentication</Text>
        <Text size="sm" c="dimmed">
          Your account must sign in with a second factor.
        </Text>
      </div>
      {start.isPending && <Loader mx="auto" size="sm" />}
      {start.error && (
        <Alert color="red" role="alert" title="Could not start">
          {start.error.message}
        </Alert>
      )}
      {start.data && (
        <EnrolmentPanel
          enrolment={start.data}
          confirmLabel="Turn on and sign in"
          pending={confirm.isPending}
          error={confirm.error?.message ?? null}
          onConfirm={(code) => confirm.mutate(code, { onSuccess: setDone })}
        />
      )}
      <RestartLink onRestart={onRestart} />
    </Stack>
  );
}
