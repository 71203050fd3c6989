/**
 * The `link` of a notification's data if it is safe to put in an href: an http(s) URL or a path on this
 * site. Anything else (javascript:, data:, protocol-relative //host) is dropped.
 */
export function safeLink(data: unknown): string | null {
  if (!data || typeof data !== 'object') return null;
  const link = (data as { link?: unknown }).link;
  return typeof link === 'string' && isSafeLink(link) ? link.trim() : null;
}

export function isSafeLink(value: string): boolean {
  const link = value.trim();
  if (link.startsWith('/')) return !link.startsWith('//') && !link.startsWith('/\\');
  return /^https?:\/\/[^\s/]+/i.test(link);
}
