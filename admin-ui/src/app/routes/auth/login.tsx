import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '@/features/auth/components/login-form';

/** Only same-app paths are followed after login (no open redirect through ?next=). */
function safeNext(next: string | null): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  if (!next || !next.startsWith(`${base}/`) || next.startsWith('//')) {
    return '/dashboard';
  }
  const inside = next.slice(base.length);
  return inside.startsWith('/login') ? '/dashboard' : inside;
}

export function LoginRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <Stack>
          <div>
            <Title order={2}>Vigil</Title>
            <Text c="dimmed" size="sm">
              Sign in to the admin panel
            </Text>
          </div>
          <LoginForm onSuccess={() => navigate(safeNext(params.get('next')), { replace: true })} />
        </Stack>
      </Paper>
    </Center>
  );
}
