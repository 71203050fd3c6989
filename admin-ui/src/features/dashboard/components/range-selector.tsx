import { SegmentedControl } from '@mantine/core';
import { HISTORY_RANGES, type HistoryRange } from '../types';

const LABELS: Record<HistoryRange, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 d', '30d': '30 d' };

export const isHistoryRange = (value: string | null): value is HistoryRange =>
  value !== null && (HISTORY_RANGES as readonly string[]).includes(value);

/** The charts' range: the live hour, or the stored day, week or month. */
export function RangeSelector({ value, onChange }: { value: HistoryRange; onChange(range: HistoryRange): void }) {
  return (
    <SegmentedControl
      size="xs"
      aria-label="Chart range"
      data-testid="dashboard-range"
      value={value}
      onChange={(next) => isHistoryRange(next) && onChange(next)}
      data={HISTORY_RANGES.map((range) => ({ value: range, label: LABELS[range] }))}
    />
  );
}
