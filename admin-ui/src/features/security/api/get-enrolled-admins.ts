import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { securityKeys, type EnrolledAdmin } from '../types';

/** GET /api/admin/second-factor/admins (admin:admins). */
export const getEnrolledAdmins = async (signal?: AbortSignal) =>
  (await api<{ admins: EnrolledAdmin[] }>('/api/admin/second-factor/admins', { signal })).admins;

export const useEnrolledAdmins = () =>
  useQuery({ queryKey: securityKeys.enrolled, queryFn: ({ signal }) => getEnrolledAdmins(signal) });
