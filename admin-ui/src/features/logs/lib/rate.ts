// The rate strip's data: GET /api/admin/logs/rate's per-minute counts by level turned into stacked
// columns (most severe at the bottom), scaled to the busiest minute.

import { ENTRY_LEVELS } from '../types';

export interface RateBucket {
  /** Start of the minute (ISO instant). */
  time: string;
  counts: Record<string, number>;
}

export interface LogRate {
  source: string;
  bucket_seconds: number;
  from: string;
  to: string;
  buckets: RateBucket[];
  /** The server stopped reading within its byte budget: older minutes may be undercounted. */
  partial: boolean;
}

export interface RateSegment {
  level: string;
  count: number;
  /** Offset from the bottom and height, as fractions of the strip's height (0..1). */
  y: number;
  height: number;
}

export interface RateColumn {
  time: string;
  total: number;
  segments: RateSegment[];
  /** `12:34 — 3 error, 40 info` for the column's tooltip. */
  label: string;
}

/** Levels in stacking order: the known ones most severe first, then any other the server counted. */
function levelsOf(buckets: readonly RateBucket[]): string[] {
  const seen = new Set<string>();
  for (const bucket of buckets) {
    for (const [level, count] of Object.entries(bucket.counts ?? {})) {
      if (count > 0) seen.add(level);
    }
  }
  const known = ENTRY_LEVELS.filter((level) => seen.has(level));
  const other = [...seen].filter((level) => !(ENTRY_LEVELS as readonly string[]).includes(level)).sort();
  return [...known, ...other];
}

const pad = (n: number) => String(n).padStart(2, '0');

function clock(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const d = new Date(time);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** One column per bucket, oldest first; heights relative to the busiest minute (an empty hour is all 0). */
export function rateColumns(buckets: readonly RateBucket[]): RateColumn[] {
  const levels = levelsOf(buckets);
  const totals = buckets.map((bucket) => levels.reduce((sum, level) => sum + (bucket.counts?.[level] ?? 0), 0));
  const max = Math.max(0, ...totals);
  return buckets.map((bucket, i) => {
    let y = 0;
    const segments: RateSegment[] = [];
    for (const level of levels) {
      const count = bucket.counts?.[level] ?? 0;
      if (count > 0) {
        const height = count / max;
        segments.push({ level, count, y, height });
        y += height;
      }
    }
    const parts = segments.map((s) => `${s.count} ${s.level}`);
    return {
      time: bucket.time,
      total: totals[i],
      segments,
      label: `${clock(bucket.time)} — ${parts.length > 0 ? parts.join(', ') : 'no lines'}`,
    };
  });
}

/** CSS colour of a level's segment (Mantine palette variables). */
export function rateColor(level: string): string {
  switch (level) {
    case 'fatal':
    case 'error':
      return 'var(--mantine-color-red-6)';
    case 'warn':
      return 'var(--mantine-color-yellow-5)';
    case 'info':
      return 'var(--mantine-color-blue-5)';
    case 'debug':
    case 'trace':
      return 'var(--mantine-color-gray-5)';
    default:
      return 'var(--mantine-color-grape-5)';
  }
}
