import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { AuditQuery } from '../lib/audit-query';
import { auditKeys, type AuditPage } from '../types';

/** GET /api/admin/audit?action=&adminId=&search=&from=&to=&limit=&offset=&sort=&order= */
export const getAuditLog = (query: AuditQuery) => api<AuditPage>('/api/admin/audit', { query });

export const useAuditLog = (query: AuditQuery) =>
  useQuery({ queryKey: auditKeys.list(query), queryFn: () => getAuditLog(query), placeholderData: keepPreviousData });
