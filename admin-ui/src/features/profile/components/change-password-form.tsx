import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { useChangePassword } from '../api/change-password';
import { MIN_PASSWORD, validatePasswordForm, type PasswordFormValues } from '../lib/password-form';

const EMPTY: PasswordFormValues = { current_password: '', new_password: '', confirm_password: '' };

/** Current + new + confirmation; a wrong current password comes back as a 422 on its field. */
export function ChangePasswordForm() {
  const [values, setValues] = useState<PasswordFormValues>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const change = useChangePassword();

  const set = (key: keyof PasswordFormValues, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const problems = validatePasswordForm(values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      return;
    }
    change.mutate(
      { current_password: values.current_password, new_password: values.new_password },
      {
        onSuccess: ({ sessions_revoked }) => {
          setValues(EMPTY);
          notifications.show({
            color: 'green',
            title: 'Password changed',
            message:
              sessions_revoked > 0
                ? `${sessions_revoked} other session${sessions_revoked === 1 ? ' was' : 's were'} signed out`
                : 'You stay signed in here',
          });
        },
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
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Title order={3} size="h4">
              Change password
            </Title>
            <Text size="sm" c="dimmed">
              Your other sessions are signed out; this one stays.
            </Text>
          </div>
          {formError && (
            <Alert color="red" title="Could not change the password">
              {formError}
            </Alert>
          )}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={values.current_password}
            onChange={(e) => set('current_password', e.currentTarget.value)}
            error={errors.current_password}
          />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            description={`At least ${MIN_PASSWORD} characters`}
            value={values.new_password}
            onChange={(e) => set('new_password', e.currentTarget.value)}
            error={errors.new_password}
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            value={values.confirm_password}
            onChange={(e) => set('confirm_password', e.currentTarget.value)}
            error={errors.confirm_password}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
