import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { databaseKeys, type CheckKind, type DatabaseCheck } from '../types';

/** POST /api/admin/database/checks: queues the check as a job (202); 409 while another is queued or running. */
export const startCheck = (kind: CheckKind) =>
  api<{ job_id: string; check: DatabaseCheck }>('/api/admin/database/checks', {
    method: 'POST',
    body: { kind },
  });

export const useStartCheck = () => useChangingMutation(startCheck, databaseKeys.all);
