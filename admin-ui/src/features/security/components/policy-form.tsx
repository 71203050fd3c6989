import { Alert, Button, Checkbox, Group, Paper, Skeleton, Stack, TagsInput, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { usePolicy } from '../api/get-policy';
import { useRoleNames } from '../api/get-role-names';
import { useUpdatePolicy } from '../api/update-policy';
import type { SecondFactorPolicy } from '../types';

/** Offered while the roles load, or when they cannot be read. */
const BUILT_IN_ROLES = ['superadmin', 'admin', 'viewer'];

/** Who must sign in with a second factor: everyone, or admins of some roles. */
export function PolicyForm() {
  const policy = usePolicy();
  const roleNames = useRoleNames();
  const update = useUpdatePolicy();
  const [values, setValues] = useState<SecondFactorPolicy | null>(null);

  // The form starts from the saved policy, again whenever it is (re)loaded.
  const [loaded, setLoaded] = useState(policy.data);
  if (policy.data !== loaded) {
    setLoaded(policy.data);
    setValues(policy.data ?? null);
  }

  const fields = update.error instanceof ApiError ? update.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (values) {
      update.mutate(values, {
        onSuccess: () => notifications.show({ color: 'green', message: 'Second-factor policy saved' }),
      });
    }
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Title order={3} size="h4">
              Require a second factor
            </Title>
            <Text size="sm" c="dimmed">
              Applies to password sign-in from the next sign-in on; admins without a factor set one up then. Single
              sign-on relies on the identity provider&apos;s own second factor.
            </Text>
          </div>
          {policy.isPending || !values ? (
            <Skeleton h={80} />
          ) : (
            <>
              {update.error && Object.keys(fields).length === 0 && <Alert color="red">{update.error.message}</Alert>}
              <Checkbox
                label="For everyone"
                checked={values.everyone}
                onChange={(e) => setValues({ ...values, everyone: e.currentTarget.checked })}
              />
              <TagsInput
                label="For these roles"
                description="Role names; pick or type one"
                data={roleNames.data ?? BUILT_IN_ROLES}
                value={values.roles}
                disabled={values.everyone}
                onChange={(roles) => setValues({ ...values, roles })}
                error={fields.roles}
                clearable
              />
              <Group justify="flex-end">
                <Button type="submit" loading={update.isPending}>
                  Save
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
