import { Alert, Button, Divider, Loader, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle, IconLogin } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { useAuthMethods } from '../api/get-auth-methods';
import { useLogin } from '../api/login';
import { signInErrorMessage } from '../lib/sign-in-errors';
import { SecondFactorStep } from './second-factor-step';
import { SignInEnrolment } from './sign-in-enrolment';

type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'enrol' };

/**
 * The sign-in: the single sign-on button when the server has one, the password form unless password
 * sign-in is off, then the second factor when the admin has one (or must set one up).
 */
export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const methods = useAuthMethods();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const restart = () => setStep({ kind: 'password' });
  // A refused single sign-on comes back here with ?error=<code>.
  const [redirected] = useState(() => signInErrorMessage(new URLSearchParams(window.location.search).get('error')));

  if (methods.isPending) {
    return <Loader mx="auto" size="sm" />;
  }
  if (step.kind === 'code') {
    return <SecondFactorStep onSuccess={onSuccess} onRestart={restart} />;
  }
  if (step.kind === 'enrol') {
    return <SignInEnrolment onSuccess={onSuccess} onRestart={restart} />;
  }
  // An unreachable methods endpoint leaves the password form, the way in that always existed.
  const password = methods.data?.password ?? true;
  const sso = methods.data?.sso ?? null;
  return (
    <Stack>
      {redirected && (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" title="Sign-in failed">
          {redirected}
        </Alert>
      )}
      {sso && (
        <Button component="a" href={sso.url} variant="default" leftSection={<IconLogin size={18} />} fullWidth>
          Sign in with {sso.name}
        </Button>
      )}
      {sso && password && <Divider label="or" labelPosition="center" />}
      {password ? (
        <PasswordForm
          onSignedIn={onSuccess}
          onSecondFactor={(enrolled) => setStep({ kind: enrolled ? 'code' : 'enrol' })}
        />
      ) : (
        !sso && (
          <Alert color="yellow" title="No way to sign in">
            Password sign-in is turned off and no single sign-on is configured.
          </Alert>
        )
      )}
    </Stack>
  );
}

function PasswordForm({
  onSignedIn,
  onSecondFactor,
}: {
  onSignedIn: () => void;
  onSecondFactor: (enrolled: boolean) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const error = login.error;
  const fields = error instanceof ApiError ? error.fields : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (answer) => {
          if (answer.second_factor) {
            onSecondFactor(answer.second_factor.enrolled);
          } else {
            onSignedIn();
          }
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" title="Sign-in failed">
            {error.message}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fields.email}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fields.password}
        />
        <Button type="submit" loading={login.isPending} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
