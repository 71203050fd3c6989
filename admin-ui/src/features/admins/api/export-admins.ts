import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { AdminSort, SortOrder } from '../types';

export interface ExportParams {
  search: string;
  sort: AdminSort;
  order: SortOrder;
}

/**
 * GET /api/admin/admins/export (text/csv, every matching row). Fetched through the API client (so an
 * expired access cookie is refreshed) and handed to the browser as a download.
 */
export async function exportAdmins(params: ExportParams): Promise<void> {
  const csv = await api<string>('/api/admin/admins/export', { query: { ...params } });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `admins-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const useExportAdmins = () => useMutation({ mutationFn: exportAdmins });
