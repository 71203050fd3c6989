import { Stack, Text, Title } from '@mantine/core';
import { AdminsManager } from '@/features/admins/components/admins-manager';
import { useAuthStatus } from '@/features/auth/api/get-auth-status';

export function AdminsRoute() {
  const auth = useAuthStatus();
  const me = auth.data?.admin;
  return (
    <Stack>
      <div>
        <Title order={2}>Admins</Title>
        <Text c="dimmed" size="sm">
          Accounts that can sign in to this console
        </Text>
      </div>
      <AdminsManager
        currentAdminId={me?.id ?? null}
        canManage={me?.scopes.includes('admin:admins') ?? false}
        canSeeSessions={me?.scopes.includes('admin:sessions') ?? false}
      />
    </Stack>
  );
}
