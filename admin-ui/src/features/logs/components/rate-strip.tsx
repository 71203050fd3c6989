import { Box, Group, Text } from '@mantine/core';
import { useLogRate } from '../api/get-log-rate';
import { rateColor, rateColumns } from '../lib/rate';

const HEIGHT = 28;
const COLUMN = 10;
const GAP = 2;

/**
 * Lines per minute by level over the last hour, above the list: a small SVG of stacked columns, refreshed
 * every minute. Nothing at all where the server does not serve the rate (or it failed). Clicking a minute
 * jumps there.
 */
export function RateStrip({ source, onPick }: { source: string; onPick?: (time: string) => void }) {
  const rate = useLogRate(source);
  const data = rate.data;
  if (!data || data.buckets.length === 0) {
    return null;
  }
  const columns = rateColumns(data.buckets);
  const total = columns.reduce((sum, c) => sum + c.total, 0);
  const width = columns.length * (COLUMN + GAP) - GAP;
  return (
    <Group gap="xs" wrap="nowrap" align="end" data-testid="log-rate-strip" data-total={total}>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <svg
          role="img"
          aria-label={`Lines per minute over the last hour on ${source}: ${total} in all`}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          preserveAspectRatio="none"
          width="100%"
          height={HEIGHT}
          style={{ display: 'block' }}
        >
          {columns.map((column, i) => (
            <g
              key={column.time}
              transform={`translate(${i * (COLUMN + GAP)} 0)`}
              style={{ cursor: onPick ? 'pointer' : undefined }}
              onClick={onPick ? () => onPick(column.time) : undefined}
            >
              <title>{column.label}</title>
              {/* The whole column's height catches the pointer, so quiet minutes have a tooltip too. */}
              <rect x={0} y={0} width={COLUMN} height={HEIGHT} fill="transparent" />
              <rect
                x={0}
                y={HEIGHT - 1}
                width={COLUMN}
                height={1}
                style={{ fill: 'light-dark(var(--mantine-color-gray-3), var(--mantine-color-dark-4))' }}
              />
              {column.segments.map((segment) => (
                <rect
                  key={segment.level}
                  x={0}
                  y={HEIGHT - (segment.y + segment.height) * HEIGHT}
                  width={COLUMN}
                  height={segment.height * HEIGHT}
                  fill={rateColor(segment.level)}
                />
              ))}
            </g>
          ))}
        </svg>
      </Box>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {total} lines / hour{data.partial ? ' (at least)' : ''}
      </Text>
    </Group>
  );
}
