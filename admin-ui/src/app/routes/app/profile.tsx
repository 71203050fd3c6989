import { SimpleGrid, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { authStatusQueryOptions } from '@/features/auth/api/get-auth-status';
import { AccountCard } from '@/features/profile/components/account-card';
import { ChannelsCard } from '@/features/profile/components/channels-card';
import { ChangePasswordForm } from '@/features/profile/components/change-password-form';
import { OwnSessions } from '@/features/profile/components/own-sessions';
import { TwoFactorCard } from '@/features/profile/components/two-factor-card';

export function ProfileRoute() {
  const client = useQueryClient();
  return (
    <Stack>
      <Title order={2}>Profile</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {/* The header shows the name from the auth status: reload it after a rename. */}
        <AccountCard onNameChanged={() => client.invalidateQueries({ queryKey: authStatusQueryOptions().queryKey })} />
        <ChangePasswordForm />
      </SimpleGrid>
      <TwoFactorCard />
      <ChannelsCard />
      <OwnSessions />
    </Stack>
  );
}
