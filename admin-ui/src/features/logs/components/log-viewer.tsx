import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconPlayerPause, IconPlayerPlay, IconSearch, IconX } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { StreamStatusIndicator } from '@/components/stream-status';
import { formatBytes } from '@/lib/format';
import { logFileDownloadUrl } from '../api/download-log-file';
import { useLogFiles } from '../api/get-log-files';
import { useLogHistory } from '../api/get-log-history';
import { useLiveLogs } from '../hooks/use-live-logs';
import { filterParams } from '../lib/format';
import { LOG_LEVELS, type LogFileInfo, type LogItem, type LogLevel } from '../types';
import { LevelFilter } from './level-filter';
import { LogList } from './log-list';

const LIVE = '__live__';
const ROTATED = /-\d{4}-\d{2}-\d{2}(\.\d+)?\.log$/;

function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Center h="100%" mih={200} p="md">
      <Stack align="center" gap={6}>
        {children}
      </Stack>
    </Center>
  );
}

/** The log viewer: the live file streamed, rotated files paged; level and text filters for both. */
export function LogViewer({ title }: { title?: ReactNode }) {
  const files = useLogFiles();
  const [selected, setSelected] = useState<string>(LIVE);
  const [levels, setLevels] = useState<LogLevel[]>([...LOG_LEVELS]);
  const [searchInput, setSearchInput] = useState('');
  const [debouncedSearch] = useDebouncedValue(searchInput, 300);
  const { level, search } = filterParams({ levels, search: debouncedSearch });
  const filtered = level !== undefined || search !== undefined;
  const live = selected === LIVE;

  const liveLogs = useLiveLogs(live, { level, search });
  const history = useLogHistory(live ? null : selected, level, search);

  const list: LogFileInfo[] = files.data?.files ?? [];
  const liveName = list.find((f) => !ROTATED.test(f.name))?.name ?? 'vigil.log';
  const fileOptions = [
    { value: LIVE, label: `${liveName} (live)` },
    ...list.filter((f) => ROTATED.test(f.name)).map((f) => ({ value: f.name, label: f.name })),
  ];
  const sizes = new Map(list.map((f) => [f.name, f]));

  const historyItems = useMemo<LogItem[]>(() => {
    if (live || !history.data) {
      return [];
    }
    const prefix = `${selected}|${level ?? ''}|${search ?? ''}`;
    return history.data.pages
      .flatMap((page, p) =>
        page.entries.map((entry, i): LogItem => ({
          kind: 'log',
          key: `${prefix}|${p}-${i}`,
          cursor: null,
          entry,
          raw: JSON.stringify(entry),
        })),
      )
      .reverse();
  }, [live, history.data, selected, level, search]);

  const { snapshot, status, transport } = liveLogs;
  const items = live ? snapshot.items : historyItems;

  let empty: ReactNode;
  if (live) {
    if (status === 'connecting' && items.length === 0) {
      empty = (
        <EmptyState>
          <Loader size="sm" />
          <Text c="dimmed" size="sm">
            Connecting to the log stream…
          </Text>
        </EmptyState>
      );
    } else if (status === 'offline') {
      empty = (
        <EmptyState>
          <Text fw={500}>The log stream is offline</Text>
          <Text c="dimmed" size="sm">
            Reconnecting automatically; lines written meanwhile will be caught up.
          </Text>
        </EmptyState>
      );
    } else {
      empty = (
        <EmptyState>
          <Text fw={500}>{filtered ? 'No lines match these filters yet' : 'No log lines yet'}</Text>
          <Text c="dimmed" size="sm">
            New lines appear here as {liveName} is written.
          </Text>
        </EmptyState>
      );
    }
  } else if (history.isPending) {
    empty = (
      <EmptyState>
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          Loading {selected}…
        </Text>
      </EmptyState>
    );
  } else if (history.isError) {
    empty = (
      <EmptyState>
        <Alert color="red" title={`Cannot read ${selected}`}>
          {history.error.message}
        </Alert>
      </EmptyState>
    );
  } else {
    empty = (
      <EmptyState>
        <Text fw={500}>{filtered ? 'No lines in this file match these filters' : 'This file is empty'}</Text>
      </EmptyState>
    );
  }

  const top = !live && historyItems.length > 0 && (
    <Center py={6}>
      {history.hasNextPage ? (
        <Button
          data-testid="load-older"
          size="xs"
          variant="light"
          loading={history.isFetchingNextPage}
          onClick={() => history.fetchNextPage()}
        >
          Load older
        </Button>
      ) : (
        <Text size="xs" c="dimmed">
          Start of {selected}
        </Text>
      )}
    </Center>
  );

  const downloadName = live ? liveName : selected;
  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" gap="sm" mb={4}>
        {title}
        {live ? (
          <StreamStatusIndicator status={status} subject="log" transport={transport} data-testid="log-stream-status" />
        ) : (
          <Badge color="gray" variant="light" size="lg" radius="sm" tt="none" data-testid="log-history-badge">
            history
          </Badge>
        )}
      </Group>
      <Group gap="sm" align="end" wrap="wrap">
        <Select
          label="File"
          data-testid="log-file-select"
          data={fileOptions}
          value={selected}
          onChange={(value) => setSelected(value ?? LIVE)}
          allowDeselect={false}
          w={{ base: '100%', xs: 220 }}
          size="xs"
          renderOption={({ option }) => {
            const info = option.value === LIVE ? sizes.get(liveName) : sizes.get(option.value);
            return (
              <Group justify="space-between" w="100%" wrap="nowrap" gap="xs">
                <Text size="xs">{option.label}</Text>
                {info && (
                  <Text size="xs" c="dimmed">
                    {formatBytes(info.size)}
                  </Text>
                )}
              </Group>
            );
          }}
        />
        <TextInput
          label="Search"
          placeholder="Text in any field"
          value={searchInput}
          onChange={(e) => setSearchInput(e.currentTarget.value)}
          leftSection={<IconSearch size={14} />}
          rightSection={
            searchInput !== '' && (
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label="Clear text"
                onClick={() => setSearchInput('')}
              >
                <IconX size={14} />
              </ActionIcon>
            )
          }
          maxLength={500}
          size="xs"
          w={{ base: '100%', xs: 200 }}
        />
        <Stack gap={4}>
          <Text size="xs" fw={500} component="span">
            Levels
          </Text>
          <Group h={30} align="center">
            <LevelFilter value={levels} onChange={setLevels} />
          </Group>
        </Stack>
        <Group gap="xs" ml="auto" wrap="nowrap" align="center" h={30}>
          {live && (
            <>
              {snapshot.paused && snapshot.newCount > 0 && (
                <Badge data-testid="log-new-count" color="orange" variant="light" size="lg" radius="sm" tt="none">
                  {snapshot.newCount} new
                </Badge>
              )}
              <Button
                size="xs"
                variant={snapshot.paused ? 'filled' : 'default'}
                color={snapshot.paused ? 'orange' : undefined}
                leftSection={snapshot.paused ? <IconPlayerPlay size={14} /> : <IconPlayerPause size={14} />}
                onClick={snapshot.paused ? liveLogs.resume : liveLogs.pause}
              >
                {snapshot.paused ? 'Resume' : 'Pause'}
              </Button>
            </>
          )}
          <Tooltip label={`Download ${downloadName}`}>
            <ActionIcon
              component="a"
              href={logFileDownloadUrl(downloadName)}
              download={downloadName}
              variant="default"
              size={30}
              aria-label="Download file"
            >
              <IconDownload size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {files.isError && (
        <Alert color="red" py={6} title="Cannot list log files">
          {files.error.message}
        </Alert>
      )}
      <LogList items={items} top={top} empty={empty} />
      {live && (
        <Text size="xs" c="dimmed">
          Showing the last {snapshot.items.length} of at most 500 lines
          {snapshot.paused ? ' · paused: new lines are held back' : ''}
          {status === 'offline' && items.length > 0 ? ' · offline: reconnecting, missed lines will follow' : ''}
        </Text>
      )}
    </Stack>
  );
}
