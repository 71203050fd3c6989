import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/**
 * POST /api/admin/queue/exports/audit (scopes admin:audit and admin:jobs): queues a CSV export of the
 * whole audit log; the requester gets a notification with the download link when it is written.
 */
export const startAuditExport = () =>
  api<{ ok: boolean; job_id: string }>('/api/admin/queue/exports/audit', { method: 'POST' });

export const useStartAuditExport = () => useMutation({ mutationFn: startAuditExport });
