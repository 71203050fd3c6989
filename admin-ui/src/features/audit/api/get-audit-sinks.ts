import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { auditKeys, type AuditSinks } from '../types';

/** GET /api/admin/audit/sinks: where the audit log is exported and how far each sink has got. */
export const getAuditSinks = () => api<AuditSinks>('/api/admin/audit/sinks');

export const useAuditSinks = () =>
  useQuery({ queryKey: auditKeys.sinks, queryFn: getAuditSinks, refetchInterval: 10_000 });
