import { Group, Stack, Text, Title } from '@mantine/core';
import { AuditLog } from '@/features/audit/components/audit-log';
import { AuditSinksCard } from '@/features/audit/components/audit-sinks-card';
import { ExportAuditButton } from '@/features/audit/components/export-audit-button';
import { useAuthStatus } from '@/features/auth/api/get-auth-status';

export function AuditRoute() {
  const auth = useAuthStatus();
  const scopes = auth.data?.admin.scopes ?? [];
  return (
    <Stack>
      <Group justify="space-between" align="center" wrap="wrap">
        <div>
          <Title order={2}>Audit</Title>
          <Text size="sm" c="dimmed">
            Who did what, and when: every admin action is recorded here.
          </Text>
        </div>
        {/* The export is a queued job: its endpoint lives under /api/admin/queue (admin:jobs too). */}
        {scopes.includes('admin:jobs') && <ExportAuditButton />}
      </Group>
      <AuditSinksCard />
      <AuditLog canListAdmins={scopes.includes('admin:admins')} />
    </Stack>
  );
}
