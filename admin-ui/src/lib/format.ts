// Formatting shared by every feature: times relative to now, full dates, byte sizes.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "12 min ago", "5 h ago", "3 d ago", and "in 5 min", "in 14 h" for future times; the date
 * alone once it is a week or more away. "—" for a missing or unreadable time.
 */
export function relativeTime(iso: string | null | undefined, now: number = Date.now()): string {
  const then = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(then)) return '—';
  const seconds = Math.round((then - now) / 1000);
  const abs = Math.abs(seconds);
  let amount: string;
  if (abs < 45) {
    return 'just now';
  } else if (abs < HOUR) {
    amount = `${Math.max(1, Math.round(abs / MINUTE))} min`;
  } else if (abs < DAY) {
    amount = `${Math.round(abs / HOUR)} h`;
  } else if (abs < 7 * DAY) {
    amount = `${Math.round(abs / DAY)} d`;
  } else {
    return new Date(then).toLocaleDateString();
  }
  return seconds > 0 ? `in ${amount}` : `${amount} ago`;
}

/** Full local date and time, for tooltips and cells. "—" for a missing or unreadable time. */
export function dateTime(iso: string | null | undefined): string {
  const then = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(then) ? '—' : new Date(then).toLocaleString();
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Binary sizes: 512 → "512 B", 1536 → "1.5 KB", 48_234_496 → "46 MB"; one decimal below 100 of a unit.
 * Negative sizes mean "unknown" on the wire and are shown as "—".
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // 1023.96 KB would round to "1024 KB": move up a unit instead.
  if (Math.round(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = value < 100 ? oneDecimal.format(value) : integer.format(value);
  return `${text} ${BYTE_UNITS[unit]}`;
}
