import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { NotificationType } from '../types';

export interface SendNotificationInput {
  /** One recipient, or `all: true`. */
  admin_id?: number;
  all?: boolean;
  type: NotificationType;
  title: string;
  message?: string;
  /** Handed to the client as is; the UI uses `link`. */
  data?: { link: string };
}

/** POST /api/admin/notifications/send (scope admin:notifications) → 201 {"ok","sent","id"?}. */
export const sendNotification = (input: SendNotificationInput) =>
  api<{ ok: boolean; sent: number; id?: number }>('/api/admin/notifications/send', { method: 'POST', body: input });

// The recipient's stream event updates the lists (also our own, when we sent to ourselves or to all).
export const useSendNotification = () => useMutation({ mutationFn: sendNotification, meta: { inlineErrors: true } });
