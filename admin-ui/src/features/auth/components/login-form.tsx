import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { useLogin } from '../api/login';
import { signInErrorMessage } from '../lib/sign-in-errors';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const error = login.error;
  const fields = error instanceof ApiError ? error.fields : {};
  // A refused single sign-on comes back here with ?error=<code>.
  const [redirected] = useState(() => signInErrorMessage(new URLSearchParams(window.location.search).get('error')));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {!error && redirected && (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" title="Sign-in failed">
            {redirected}
          </Alert>
        )}
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
