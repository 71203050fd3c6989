import { Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * In place of a list's rows: a loader while the first page loads; once it has loaded empty, the message
 * (`children`) under a dimmed `icon`, then `action` (a button to fill it). Nothing otherwise.
 */
export function ListStatus({
  loading,
  empty,
  icon,
  action,
  children,
}: {
  loading: boolean;
  empty: boolean;
  icon?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  if (loading) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (!empty) {
    return null;
  }
  return (
    <Stack align="center" gap="xs" py="xl">
      {icon && (
        <Text c="dimmed" lh={0}>
          {icon}
        </Text>
      )}
      <Text size="sm" c="dimmed">
        {children}
      </Text>
      {action}
    </Stack>
  );
}
