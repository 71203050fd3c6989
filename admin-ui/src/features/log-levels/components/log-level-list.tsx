import { Alert, Autocomplete, Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconSearch, IconAdjustments } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { ListStatus } from '@/components/list-status';
import { RowAction } from '@/components/row-action';
import { ApiError } from '@/lib/api-client';
import { relativeTime } from '@/lib/format';
import { useLogLevels } from '../api/get-log-levels';
import { useResetLogLevel } from '../api/reset-log-level';
import { useSetLogLevel } from '../api/set-log-level';
import { LEVEL_COLORS, visibleLoggers } from '../lib/log-levels';
import type { Logger } from '../types';

/** Rows rendered at once: a JVM has hundreds of loggers; the search narrows them. */
const LIMIT = 100;

function LevelBadge({ level }: { level: string }) {
  return (
    <Badge color={LEVEL_COLORS[level] ?? 'gray'} variant="light" size="sm">
      {level}
    </Badge>
  );
}

/** Sets any logger, including a package no code has asked for yet (e.g. `com.example.billing`). */
function SetLevelForm({ names, levels }: { names: string[]; levels: string[] }) {
  const set = useSetLogLevel();
  const [name, setName] = useState('');
  const [level, setLevel] = useState<string | null>('DEBUG');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !level) {
      setErrors({ name: name.trim() ? '' : 'logger name is required' });
      return;
    }
    setErrors({});
    set.mutate(
      { name: name.trim(), level },
      {
        onSuccess: ({ logger }) => {
          notifications.show({ color: 'green', title: 'Level set', message: `${logger.name} → ${level}` });
          setName('');
        },
        onError: (error) =>
          setErrors(
            error instanceof ApiError && Object.keys(error.fields).length > 0 ? error.fields : { name: error.message },
          ),
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Group align="flex-start" wrap="wrap">
        <Autocomplete
          label="Logger"
          placeholder="dev.vigil.logs or ROOT"
          data={names}
          limit={20}
          value={name}
          onChange={setName}
          error={errors.name || undefined}
          style={{ flex: 1, minWidth: 260 }}
        />
        <Select
          label="Level"
          data={levels}
          value={level}
          onChange={setLevel}
          allowDeselect={false}
          error={errors.level}
          w={130}
        />
        <Button type="submit" mt={25} loading={set.isPending}>
          Set level
        </Button>
      </Group>
    </form>
  );
}

function LoggerRow({ logger, levels }: { logger: Logger; levels: string[] }) {
  const set = useSetLogLevel();
  const reset = useResetLogLevel();
  return (
    <Table.Tr data-testid="logger-row">
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {logger.name}
        </Text>
        {logger.change && (
          <Text size="xs" c="orange">
            changed {relativeTime(logger.change.at)} · startup level {logger.startup_level ?? 'inherited'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <LevelBadge level={logger.effective_level} />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={`Level of ${logger.name}`}
          size="xs"
          w={120}
          data={levels}
          placeholder="inherited"
          value={logger.configured_level}
          allowDeselect={false}
          onChange={(level) => level && set.mutate({ name: logger.name, level })}
        />
      </Table.Td>
      <Table.Td>
        <Group justify="flex-end" wrap="nowrap">
          {logger.change && (
            <RowAction
              tooltip="Reset to the startup level"
              label={`Reset ${logger.name}`}
              icon={IconArrowBackUp}
              onClick={() =>
                reset.mutate(logger.name, {
                  onSuccess: (result) =>
                    notifications.show({
                      color: 'green',
                      title: 'Level reset',
                      message: `${result.logger.name} → ${result.logger.effective_level}`,
                    }),
                })
              }
            />
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Every logger with its level in force; changed ones first, each settable and resettable. */
export function LogLevelList() {
  const loggers = useLogLevels();
  const [search, setSearch] = useState('');
  const all = loggers.data?.loggers ?? [];
  const levels = loggers.data?.levels ?? [];
  const { shown, hidden } = visibleLoggers(all, search, LIMIT);

  return (
    <>
      <Paper withBorder radius="md" p="md">
        <SetLevelForm names={all.map((logger) => logger.name)} levels={levels} />
      </Paper>
      <Paper withBorder radius="md">
        {loggers.isError && (
          <Alert color="red" m="sm" title="Could not load loggers">
            {loggers.error.message}
          </Alert>
        )}
        <Group p="sm">
          <TextInput
            aria-label="Search loggers"
            placeholder="Search loggers"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            style={{ flex: 1 }}
          />
        </Group>
        <ListStatus
          loading={loggers.isPending}
          empty={loggers.isSuccess && shown.length === 0}
          icon={<IconAdjustments size={32} />}
        >
          No logger matches the search.
        </ListStatus>
        {shown.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Logger</Table.Th>
                  <Table.Th>In force</Table.Th>
                  <Table.Th>Set here</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((logger) => (
                  <LoggerRow key={logger.name} logger={logger} levels={levels} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {hidden > 0 && (
          <Text size="sm" c="dimmed" p="sm">
            {hidden} more — narrow the search.
          </Text>
        )}
      </Paper>
    </>
  );
}
