/** A webhook endpoint as listed (WebhooksController.WebhookView): the secret only as a hint. */
export interface Webhook {
  id: number;
  name: string;
  url: string;
  types: NotificationType[];
  audiences: string[];
  format: WebhookFormat;
  enabled: boolean;
  secret_hint: string;
  consecutive_failures: number;
  alerted_at: string | null;
  created_at: string;
  updated_at: string;
}

export type NotificationType = 'info' | 'success' | 'warning' | 'error';
export type WebhookFormat = 'vigil' | 'slack';
export type DeliveryStatus = 'queued' | 'sending' | 'retrying' | 'delivered' | 'failed';

/** One row of an endpoint's delivery log (WebhooksController.DeliveryView). */
export interface Delivery {
  id: string;
  event: 'notification' | 'test';
  summary: string;
  status: DeliveryStatus;
  attempts: number;
  response_code: number | null;
  duration_ms: number | null;
  error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookInput {
  name: string;
  url: string;
  types: NotificationType[];
  audiences: string[];
  format: WebhookFormat;
}

export const NOTIFICATION_TYPES: NotificationType[] = ['info', 'success', 'warning', 'error'];

/** The audiences a send can have (NotificationsSent.audience), with what they mean. */
export const AUDIENCES: { value: string; label: string }[] = [
  { value: 'all', label: 'Everyone' },
  { value: 'admin', label: 'One admin (direct)' },
  { value: 'admins', label: 'Admins chosen by Vigil' },
  { value: 'role:superadmin', label: 'Role: superadmin' },
  { value: 'role:admin', label: 'Role: admin' },
  { value: 'role:viewer', label: 'Role: viewer' },
];

export const FORMATS: { value: WebhookFormat; label: string }[] = [
  { value: 'vigil', label: 'Vigil JSON' },
  { value: 'slack', label: 'Slack-compatible ({"text": …})' },
];

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (id: number, page: number, pageSize: number) =>
    [...webhookKeys.all, 'deliveries', id, page, pageSize] as const,
};
