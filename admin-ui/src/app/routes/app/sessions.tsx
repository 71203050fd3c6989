import { Stack, Text, Title } from '@mantine/core';
import { useAuthStatus } from '@/features/auth/api/get-auth-status';
import { SessionsManager } from '@/features/sessions/components/sessions-manager';

export function SessionsRoute() {
  const auth = useAuthStatus();
  return (
    <Stack>
      <div>
        <Title order={2}>Sessions</Title>
        <Text c="dimmed" size="sm">
          Everyone signed in right now; revoking a session signs it out at once
        </Text>
      </div>
      <SessionsManager canListAdmins={auth.data?.admin.scopes.includes('admin:admins') ?? false} />
    </Stack>
  );
}
