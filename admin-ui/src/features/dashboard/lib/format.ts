// Human formatting for the dashboard. Fixed en-US number formatting keeps output (and tests) stable.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234567 → "1,234,567". Non-finite values → "—". */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : '—';
}

/** Up to `digits` decimals, trailing zeros dropped: 12.5, 0.33, 3. */
export function formatDecimal(value: number, digits = 2): string {
  if (!Number.isFinite(value)) {
    return '—';
  }
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);
}

/** Seconds → the two largest units: "45s", "5m 3s", "2h 13m", "3d 4h". */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) {
    return '—';
  }
  const s = Math.floor(totalSeconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  const seconds = s % 60;
  if (days > 0) {
    return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  }
  if (hours > 0) {
    return minutes > 0 ? `${hours}h ${minutes}m` : `${hours}h`;
  }
  if (minutes > 0) {
    return seconds > 0 ? `${minutes}m ${seconds}s` : `${minutes}m`;
  }
  return `${seconds}s`;
}

/** Milliseconds: "0.42 ms", "12.3 ms", "250 ms", "1.25 s". */
export function formatMillis(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return '—';
  }
  if (ms >= 1000) {
    return `${formatDecimal(ms / 1000, 2)} s`;
  }
  if (ms >= 100) {
    return `${formatNumber(ms)} ms`;
  }
  return `${formatDecimal(ms, ms >= 10 ? 1 : 2)} ms`;
}

/** Per-second rate: "0", "0.33/s", "1,250/s". */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) {
    return '—';
  }
  if (perSecond === 0) {
    return '0/s';
  }
  return `${perSecond >= 100 ? formatNumber(perSecond) : formatDecimal(perSecond, 2)}/s`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time "HH:MM:SS" (24 h). */
export function formatClock(date: Date | number): string {
  const d = typeof date === 'number' ? new Date(date) : date;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Local "HH:MM" (24 h). */
export function formatMinute(date: Date | number): string {
  const d = typeof date === 'number' ? new Date(date) : date;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local "Dec 6 14:30" (24 h), for axes that span days. */
export function formatDayMinute(date: Date | number): string {
  const d = typeof date === 'number' ? new Date(date) : date;
  return `${MONTHS[d.getMonth()]} ${d.getDate()} ${formatMinute(d)}`;
}

/** A time step in words: 5000 → "5 s", 60000 → "minute", 900000 → "15 min", 3600000 → "hour". */
export function formatStep(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) {
    return 'interval';
  }
  if (ms === 60_000) {
    return 'minute';
  }
  if (ms === 3_600_000) {
    return 'hour';
  }
  if (ms % 60_000 === 0) {
    return `${ms / 60_000} min`;
  }
  return `${formatDecimal(ms / 1000, 1)} s`;
}
