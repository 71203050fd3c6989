import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/api-client';
import { dateTime } from '@/lib/format';
import { useProfile } from '../api/get-profile';
import { useUpdateProfile } from '../api/update-profile';

const ROLE_COLORS: Record<string, string> = { superadmin: 'grape', admin: 'indigo', viewer: 'gray' };

/** Who you are (email, role, scopes) and your display name, editable. */
export function AccountCard({ onNameChanged }: { onNameChanged?: (name: string) => void }) {
  const profile = useProfile();
  const update = useUpdateProfile();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  // The field starts from the saved name, again whenever the profile is (re)loaded.
  const [loaded, setLoaded] = useState(profile.data);
  if (profile.data !== loaded) {
    setLoaded(profile.data);
    if (profile.data) {
      setName(profile.data.name);
    }
  }

  if (profile.isPending) {
    return (
      <Paper withBorder p="lg" radius="md">
        <Stack>
          <Skeleton h={24} w="40%" />
          <Skeleton h={16} w="60%" />
          <Skeleton h={36} />
        </Stack>
      </Paper>
    );
  }
  if (profile.isError) {
    return (
      <Alert color="red" title="Could not load your profile">
        {profile.error.message}
      </Alert>
    );
  }
  const me = profile.data;
  const dirty = name.trim() !== me.name;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.length > 200) {
      setError('at most 200 characters');
      return;
    }
    setError(null);
    update.mutate(
      { name: name.trim() },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'green', title: 'Profile saved', message: 'Your name was updated' });
          onNameChanged?.(updated.name);
        },
        onError: (e) => setError(e instanceof ApiError ? (e.fields.name ?? e.message) : e.message),
      },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={3} size="h4">
          Account
        </Title>
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Email
          </Text>
          <Text fw={500} data-testid="profile-email">
            {me.email}
          </Text>
        </Stack>
        <Group gap="xl">
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              Role
            </Text>
            <Group>
              <Badge color={ROLE_COLORS[me.role] ?? 'gray'} variant="light" data-testid="profile-role">
                {me.role}
              </Badge>
            </Group>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              Member since
            </Text>
            <Text size="sm">{dateTime(me.created_at)}</Text>
          </Stack>
        </Group>
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Scopes
          </Text>
          <Group gap={6} aria-label="Scopes">
            {me.scopes.length === 0 ? (
              <Tooltip label="Every role can read the dashboard and its own notifications">
                <Text size="sm" c="dimmed">
                  none beyond the dashboard and your notifications
                </Text>
              </Tooltip>
            ) : (
              me.scopes.map((scope) => (
                <Badge key={scope} variant="outline" color="gray" tt="none">
                  {scope}
                </Badge>
              ))
            )}
          </Group>
        </Stack>
        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              label="Name"
              placeholder="Your display name"
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              maxLength={200}
              style={{ flex: 1 }}
            />
            <Button type="submit" mt={25} loading={update.isPending} disabled={!dirty}>
              Save name
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}
