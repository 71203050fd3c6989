/** "in 5 min", "3 h ago", "just now" relative to `now` (ms); absolute dates past a week. */
export function relativeTime(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '—';
  const diff = Math.round((then - now) / 1000);
  const abs = Math.abs(diff);
  const future = diff > 0;
  let amount: string;
  if (abs < 45) {
    return 'just now';
  } else if (abs < 3600) {
    amount = `${Math.max(1, Math.round(abs / 60))} min`;
  } else if (abs < 86400) {
    amount = `${Math.round(abs / 3600)} h`;
  } else if (abs < 7 * 86400) {
    amount = `${Math.round(abs / 86400)} d`;
  } else {
    return new Date(then).toLocaleDateString();
  }
  return future ? `in ${amount}` : `${amount} ago`;
}

/** Full local date and time, for tooltips and details. */
export function absoluteTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleString();
}
