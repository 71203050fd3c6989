import { Text, Tooltip, type MantineColor } from '@mantine/core';
import { dateTime, relativeTime } from '@/lib/format';

/**
 * "3 min ago" (or "in 2 h") on one line, with the full date and time in a tooltip. Without a time it shows
 * `empty`, dimmed. `now` lets a live view move the text on; otherwise it is read at render.
 */
export function RelativeTime({
  iso,
  now,
  empty = '—',
  c,
}: {
  iso: string | null | undefined;
  now?: number;
  empty?: string;
  c?: MantineColor;
}) {
  if (!iso) {
    return (
      <Text size="sm" c="dimmed" span>
        {empty}
      </Text>
    );
  }
  return (
    <Tooltip label={dateTime(iso)} openDelay={300}>
      <Text size="sm" c={c} component="time" dateTime={iso} style={{ whiteSpace: 'nowrap' }}>
        {relativeTime(iso, now)}
      </Text>
    </Tooltip>
  );
}
