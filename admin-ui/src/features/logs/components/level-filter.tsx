import { Checkbox, Group } from '@mantine/core';
import { levelColor } from '../lib/format';
import { LOG_LEVELS, type LogLevel } from '../types';

/**
 * One checkbox per level, named after it. All checked (the default) or none checked shows every line,
 * `unknown` ones included; a subset shows only those levels.
 */
export function LevelFilter({ value, onChange }: { value: LogLevel[]; onChange: (levels: LogLevel[]) => void }) {
  return (
    <Checkbox.Group value={value} onChange={(next) => onChange(next as LogLevel[])} aria-label="Levels">
      <Group gap="sm" data-testid="level-filter" wrap="nowrap">
        {LOG_LEVELS.map((level) => (
          <Checkbox
            key={level}
            value={level}
            label={level}
            size="xs"
            color={level === 'debug' ? 'gray.6' : levelColor(level)}
            styles={{ label: { fontFamily: 'var(--mantine-font-family-monospace)', paddingLeft: 6 } }}
          />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
