import type { ApiKey } from '../types';

/** Expiry choices of the create form, in days (null: never). */
export const EXPIRY_CHOICES: { value: string; label: string; days: number | null }[] = [
  { value: 'never', label: 'Never', days: null },
  { value: '7', label: '7 days', days: 7 },
  { value: '30', label: '30 days', days: 30 },
  { value: '90', label: '90 days', days: 90 },
  { value: '365', label: '1 year', days: 365 },
];

/** The ISO instant `days` after `now`, or undefined for a key that never expires. */
export function expiresAt(choice: string, now: Date = new Date()): string | undefined {
  const days = EXPIRY_CHOICES.find((c) => c.value === choice)?.days ?? null;
  return days === null ? undefined : new Date(now.getTime() + days * 86_400_000).toISOString();
}

export const STATUS_COLORS: Record<ApiKey['status'], string> = {
  active: 'green',
  expired: 'gray',
  revoked: 'red',
};

/** What a machine client runs with a new key: a notification sent with curl. */
export function curlExample(origin: string, secret: string, scopes: string[]): string {
  if (scopes.includes('notifications:send')) {
    return `curl -H 'Authorization: Bearer ${secret}' -H 'Content-Type: application/json' \\
     -d '{"all": true, "type": "info", "title": "Hello from curl"}' ${origin}/api/v1/notifications`;
  }
  if (scopes.includes('logs:read')) {
    return `curl -N -H 'Authorization: Bearer ${secret}' '${origin}/api/v1/logs/sse?backlog=10'`;
  }
  if (scopes.includes('notifications:read')) {
    return `curl -N -H 'Authorization: Bearer ${secret}' ${origin}/api/v1/notifications/sse`;
  }
  return `curl -H 'Authorization: Bearer ${secret}' ${origin}/api/v1/dashboard`;
}
