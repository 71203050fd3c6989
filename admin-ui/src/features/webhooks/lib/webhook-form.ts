import type { DeliveryStatus, WebhookInput } from '../types';

/** The checks the server makes too (WebhookService), shown before a round trip. */
export function validateWebhookForm(values: WebhookInput): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.name.trim() === '') {
    errors.name = 'A name is required';
  } else if (values.name.trim().length > 100) {
    errors.name = 'At most 100 characters';
  }
  const url = values.url.trim();
  let parsed: URL | null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (url === '') {
    errors.url = 'A URL is required';
  } else if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    errors.url = 'An http or https URL';
  } else if (parsed.username !== '' || parsed.password !== '') {
    errors.url = 'No credentials in the URL: receivers check the signature instead';
  }
  if (values.types.length === 0) {
    errors.types = 'Choose at least one type';
  }
  if (values.audiences.length === 0) {
    errors.audiences = 'Choose at least one audience';
  }
  return errors;
}

/** A server message "field: reason" (400) as a field error when it names a field of the form. */
export function fieldOfMessage(message: string): { field: string; reason: string } | null {
  const match = /^(name|url|types|audiences|format|secret): (.+)$/.exec(message);
  return match ? { field: match[1], reason: match[2] } : null;
}

export const STATUS_COLORS: Record<DeliveryStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  retrying: 'yellow',
  delivered: 'green',
  failed: 'red',
};

/** Whether a delivery can still change (the log keeps polling for it). */
export const isPending = (status: DeliveryStatus) => status !== 'delivered' && status !== 'failed';
