import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { NotificationListParams } from '../types';

export type ExportParams = Pick<NotificationListParams, 'unread' | 'sort' | 'order'>;

/**
 * GET /api/admin/notifications/export?unread&sort&order → CSV text. Fetched through the API client (so an
 * expired access cookie is refreshed first) and handed to the browser as a file download.
 */
export const exportNotifications = (params: ExportParams) =>
  api<string>('/api/admin/notifications/export', {
    query: { unread: params.unread ? true : undefined, sort: params.sort, order: params.order },
  });

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const useExportNotifications = () =>
  useMutation({
    mutationFn: async (params: ExportParams) => {
      const csv = await exportNotifications(params);
      download(
        typeof csv === 'string' ? csv : String(csv),
        `notifications-${new Date().toISOString().slice(0, 10)}.csv`,
      );
    },
  });
