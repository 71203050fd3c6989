import { Badge, Group, Select, Text, Tooltip } from '@mantine/core';
import type { LogSourceInfo, SourceStatus } from '../types';

const STATUS_COLOR: Record<SourceStatus, string> = { live: 'green', waiting: 'yellow', unreadable: 'red' };

/** A source's file status as a small badge; the server's message (why it waits, why unreadable) as its tooltip. */
export function SourceStatusBadge({ status, message }: { status: SourceStatus; message?: string | null }) {
  const badge = (
    <Badge data-testid="log-source-status" color={STATUS_COLOR[status]} variant="light" size="sm" radius="sm" tt="none">
      {status}
    </Badge>
  );
  return message ? (
    <Tooltip label={message} multiline maw={320}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}

/** Picks the log source; each option shows its format and its file's status. */
export function SourcePicker({
  sources,
  value,
  onChange,
}: {
  sources: LogSourceInfo[];
  value: string;
  onChange: (source: string) => void;
}) {
  const byName = new Map(sources.map((s) => [s.name, s]));
  const data = sources.map((s) => ({ value: s.name, label: s.name }));
  if (!byName.has(value)) {
    // Named by the address but not listed (not readable, or not configured): the server will say why.
    data.push({ value, label: value });
  }
  return (
    <Select
      label="Source"
      data-testid="log-source-select"
      data={data}
      value={value}
      onChange={(next) => next && onChange(next)}
      allowDeselect={false}
      w={{ base: '100%', xs: 160 }}
      size="xs"
      renderOption={({ option }) => {
        const info = byName.get(option.value);
        return (
          <Group justify="space-between" w="100%" wrap="nowrap" gap="xs">
            <Text size="xs">{option.label}</Text>
            {info && (
              <Group gap={4} wrap="nowrap">
                {info.format && info.format !== 'auto' && (
                  <Text size="xs" c="dimmed">
                    {info.format}
                  </Text>
                )}
                {info.status !== 'live' && <SourceStatusBadge status={info.status} />}
              </Group>
            )}
          </Group>
        );
      }}
    />
  );
}
