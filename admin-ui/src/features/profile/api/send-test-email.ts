import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/**
 * POST /api/admin/profile/channels/email/test: sends a test mail to the caller while they wait →
 * {"ok","address"}; 409 when email is not configured, 502 with the SMTP server's error.
 */
export const sendTestEmail = () =>
  api<{ ok: boolean; address: string }>('/api/admin/profile/channels/email/test', { method: 'POST' });

// The card shows the outcome itself (success or the SMTP error), not the global error toast.
export const useSendTestEmail = () => useMutation({ mutationFn: sendTestEmail, meta: { inlineErrors: true } });
