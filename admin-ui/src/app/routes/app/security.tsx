import { Stack, Text, Title } from '@mantine/core';
import { EnrolledAdmins } from '@/features/security/components/enrolled-admins';
import { PolicyForm } from '@/features/security/components/policy-form';

export function SecurityRoute() {
  return (
    <Stack>
      <div>
        <Title order={2}>Security</Title>
        <Text size="sm" c="dimmed">
          Two-factor sign-in: who must use it, and resets for lost devices.
        </Text>
      </div>
      <PolicyForm />
      <EnrolledAdmins />
    </Stack>
  );
}
