import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <Stack align="flex-start">
      <Title order={2}>Not found</Title>
      <Text c="dimmed">This page does not exist (yet).</Text>
      <Button component={Link} to="/dashboard" variant="light">
        Back to the dashboard
      </Button>
    </Stack>
  );
}
