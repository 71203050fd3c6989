import { Text, Tooltip } from '@mantine/core';
import { dateTime, relativeTime } from '@/lib/format';

/** "3 minutes ago" on one line, with the full date and time in a tooltip. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <Tooltip label={dateTime(iso)}>
      <Text size="sm" span style={{ whiteSpace: 'nowrap' }}>
        {relativeTime(iso)}
      </Text>
    </Tooltip>
  );
}
