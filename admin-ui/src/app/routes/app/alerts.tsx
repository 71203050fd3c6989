import { Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useMatch, useNavigate, useSearchParams } from 'react-router';
import { AlertsManager } from '@/features/alerts/components/alerts-manager';
import { formFromQuery } from '@/features/alerts/lib/alert-form';

/** /alerts, and /alerts/new?source=&level=&search=&regex=&exclude= (the create form, from the viewer). */
export function AlertsRoute() {
  const creating = useMatch('/alerts/new') !== null;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const query = params.toString();
  const prefill = useMemo(() => (creating ? formFromQuery(new URLSearchParams(query)) : null), [creating, query]);
  return (
    <Stack>
      <div>
        <Title order={2}>Alerts</Title>
        <Text size="sm" c="dimmed">
          Rules on the live logs: when a source shows too many matching entries, the chosen admins are notified, and
          again when it recovers.
        </Text>
      </div>
      <AlertsManager prefill={prefill} onPrefillClosed={() => navigate('/alerts', { replace: true })} />
    </Stack>
  );
}
