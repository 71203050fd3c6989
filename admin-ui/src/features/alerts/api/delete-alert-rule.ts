import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { alertKeys } from '../types';

/** DELETE /api/admin/alerts/{id}: the rule and its firing history. */
export const deleteAlertRule = (id: number) => api<{ ok: boolean }>(`/api/admin/alerts/${id}`, { method: 'DELETE' });

export const useDeleteAlertRule = () => useChangingMutation(deleteAlertRule, alertKeys.all);
