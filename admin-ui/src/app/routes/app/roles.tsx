import { Group, Stack, Text, Title } from '@mantine/core';
import { NewRoleButton, RolesManager } from '@/features/roles/components/roles-manager';

export function RolesRoute() {
  return (
    <Stack>
      <Group justify="space-between" align="center" wrap="wrap">
        <div>
          <Title order={2}>Roles</Title>
          <Text size="sm" c="dimmed">
            What each role may do and which log sources it may read. Changes apply at once, to open sessions too.
          </Text>
        </div>
        <NewRoleButton />
      </Group>
      <RolesManager />
    </Stack>
  );
}
