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
import { notifications } from '@mantine/notifications';
import {
  IconBellPlus,
  IconClockSearch,
  IconDownload,
  IconFileExport,
  IconFilterOff,
  IconPlayerPause,
  IconPlayerPlay,
  IconRegex,
  IconSearch,
  IconX,
} from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { StreamStatusIndicator } from '@/components/stream-status';
import { ApiError } from '@/lib/api-client';
import { formatBytes } from '@/lib/format';
import { useLogFiles } from '../api/get-log-files';
import { useLogHistory } from '../api/get-log-history';
import { useLogSources } from '../api/get-log-sources';
import { seekLog } from '../api/seek-log';
import { needsValidation, useFilterValidation } from '../api/validate-log-filters';
import { useDraft } from '../hooks/use-draft';
import { useLiveLogs } from '../hooks/use-live-logs';
import { useInstances } from '../api/get-instances';
import { streamInstance } from '../lib/instances';
import { InstancePicker } from './instance-picker';
import { useViewState } from '../hooks/use-view-state';
import {
  createAlertPath,
  DEFAULT_VIEW,
  exportUrl,
  fileDownloadUrl,
  fromLocalInput,
  permalink,
  sameFilters,
  toLocalInput,
  viewFilters,
} from '../lib/view-state';
import {
  DEFAULT_SOURCE,
  isLevel,
  type FilterParams,
  type LogFileInfo,
  type LogItem,
  type LogSourceInfo,
} from '../types';
import { ContextModal } from './context-modal';
import { LevelFilter } from './level-filter';
import { LogList } from './log-list';
import { copyToClipboard, LogRowActionsContext, type LogRowActions } from './log-row';
import { RateStrip } from './rate-strip';
import { SourcePicker, SourceStatusBadge } from './source-picker';

const LIVE = '__live__';
/** Vigil's own rotated files (vigil-2026-11-22.0.log): how the live file is told apart without `file`. */
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

/** The filters without those the server refused (so that the rest still applies). */
function withoutInvalid(filters: FilterParams, errors: Record<string, string>): FilterParams {
  const valid: FilterParams = { ...filters };
  for (const field of Object.keys(errors)) {
    delete valid[field as keyof FilterParams];
  }
  return valid;
}

/** The live file of a source: as the source list names it, else guessed from the file list. */
function liveFileName(source: string, info: LogSourceInfo | undefined, files: LogFileInfo[]): string {
  if (info?.file) {
    return info.file;
  }
  if (source === DEFAULT_SOURCE) {
    return files.find((f) => !ROTATED.test(f.name))?.name ?? 'vigil.log';
  }
  return files[0]?.name ?? source;
}

/**
 * The log viewer: a source's live file streamed, rotated files (or the live one from a time) paged;
 * level, text, regex, exclude and time filters for both; context and permalinks for every entry. Its
 * whole state is in the address.
 */
export function LogViewer({ title }: { title?: ReactNode }) {
  const [view, update] = useViewState();
  const navigate = useNavigate();
  const { source, file, before, cursor } = view;
  const sources = useLogSources();
  const files = useLogFiles(source);
  const sourceList = sources.data ?? [];
  const sourceInfo = sourceList.find((s) => s.name === source);
  // A source the list does not name (a stale link, no scope for it): the server would refuse every
  // connection, so none is tried.
  const unknownSource = sources.isSuccess && !sourceInfo;
  // A role limited to other sources may not read the own log: open the first one it may read instead.
  const fallbackSource =
    unknownSource && source === DEFAULT_SOURCE && cursor === null && sourceList.length > 0 ? sourceList[0].name : null;
  useEffect(() => {
    if (fallbackSource) {
      update({ source: fallbackSource, file: null, before: null }, { replace: true });
    }
  }, [fallbackSource, update]);
  const live = file === null;

  // Filters the server must judge are checked before the stream gets them: a stream refused with 422
  // cannot say why. Until then the previous filters stay; refused fields are left out (and shown).
  const filters = useMemo(() => viewFilters(view), [view]);
  const validation = useFilterValidation(source, filters);
  const errors: Record<string, string> = needsValidation(filters) ? (validation.data ?? {}) : {};
  const ready = !needsValidation(filters) || validation.isSuccess;
  const [applied, setApplied] = useState<FilterParams | null>(null);
  const candidate = ready ? withoutInvalid(filters, errors) : null;
  if (candidate && (applied === null || !sameFilters(candidate, applied))) {
    setApplied(candidate);
  }
  const active = useMemo(() => applied ?? {}, [applied]);
  const filtered = Object.keys(active).length > 0;

  const instanceList = useInstances().data ?? [];
  const [pickedInstance, setPickedInstance] = useState<string | null>(null);
  const instance = streamInstance(pickedInstance, instanceList);
  const liveLogs = useLiveLogs(live && applied !== null && !unknownSource, source, active, instance, () =>
    setPickedInstance(null),
  );
  const history = useLogHistory(source, applied === null || unknownSource ? null : file, before, active);

  const list: LogFileInfo[] = files.data?.files ?? [];
  const liveName = liveFileName(source, sourceInfo, list);
  const fileOptions = [{ value: LIVE, label: `${liveName} (live)` }];
  for (const f of list) {
    if (f.name !== liveName) {
      fileOptions.push({ value: f.name, label: f.name });
    }
  }
  if (file !== null && !fileOptions.some((o) => o.value === file)) {
    fileOptions.push({ value: file, label: file === liveName ? `${liveName} (from a time)` : file });
  }
  const sizes = new Map(list.map((f) => [f.name, f]));

  const historyItems = useMemo<LogItem[]>(() => {
    if (live || !history.data) {
      return [];
    }
    const prefix = `${source}|${file}|${before ?? ''}|${JSON.stringify(active)}`;
    return history.data.pages
      .flatMap((page, p) =>
        page.entries.map((entry, i): LogItem => ({
          kind: 'log',
          key: `${prefix}|${p}-${i}`,
          cursor: page.cursors?.[i] ?? null,
          entry,
          raw: JSON.stringify(entry),
        })),
      )
      .reverse();
  }, [live, history.data, source, file, before, active]);

  const historyErrors =
    history.error instanceof ApiError && history.error.status === 422
      ? history.error.fields
      : ({} as Record<string, string>);
  const regexError =
    errors.regex ?? historyErrors.regex ?? (liveLogs.filterError && live ? liveLogs.filterError : null);
  const excludeError = errors.exclude ?? historyErrors.exclude;
  const timeError = errors.from ?? errors.to ?? historyErrors.from ?? historyErrors.to;

  const { snapshot, status, transport } = liveLogs;
  const items = live ? snapshot.items : historyItems;
  const streamSource = live ? liveLogs.sourceStatus : null;
  const sourceStatus = streamSource?.status ?? sourceInfo?.status ?? 'live';
  const sourceMessage = streamSource ? streamSource.message : sourceInfo?.message;

  // Inputs: typed text is committed to the address once the typing stops.
  const commitSearch = useCallback((search: string) => update({ search }, { replace: true }), [update]);
  const commitRegex = useCallback((regex: string) => update({ regex }, { replace: true }), [update]);
  const commitExclude = useCallback((exclude: string) => update({ exclude }, { replace: true }), [update]);
  const commitFrom = useCallback((v: string) => update({ from: fromLocalInput(v) }, { replace: true }), [update]);
  const commitTo = useCallback((v: string) => update({ to: fromLocalInput(v) }, { replace: true }), [update]);
  const [searchInput, setSearchInput] = useDraft(view.search, commitSearch, 300);
  const [regexInput, setRegexInput] = useDraft(view.regex, commitRegex, 500);
  const [excludeInput, setExcludeInput] = useDraft(view.exclude, commitExclude, 500);
  const [fromInput, setFromInput] = useDraft(toLocalInput(view.from), commitFrom, 500);
  const [toInput, setToInput] = useDraft(toLocalInput(view.to), commitTo, 500);
  // Checkboxes answer at once; the address (a router transition) follows.
  const commitLevels = useCallback(
    (v: string) => update({ levels: v.split(',').filter(isLevel) }, { replace: true }),
    [update],
  );
  const [levelsInput, setLevelsInput] = useDraft(view.levels.join(','), commitLevels, 0);
  const [jumpInput, setJumpInput] = useState('');
  const [seeking, setSeeking] = useState(false);

  const jumpTo = useCallback(
    (at: string) => {
      if (!at) {
        return;
      }
      setSeeking(true);
      seekLog(source, at)
        .then((found) => update({ file: found.file, before: found.before, cursor: null }))
        .catch((error: Error) =>
          notifications.show({ color: 'red', title: 'Cannot jump to that time', message: error.message }),
        )
        .finally(() => setSeeking(false));
    },
    [source, update],
  );

  const actions = useMemo<LogRowActions>(
    () => ({
      showContext: (target) => update({ cursor: target }),
      copyLink: (target) =>
        copyToClipboard(permalink(window.location.origin, import.meta.env.BASE_URL, source, target), 'Link'),
    }),
    [source, update],
  );

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
          Loading {file}…
        </Text>
      </EmptyState>
    );
  } else if (history.isError) {
    empty = (
      <EmptyState>
        <Alert color="red" title={`Cannot read ${file}`}>
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
          Start of {file}
        </Text>
      )}
    </Center>
  );

  const clearButton = (value: string, clear: () => void, label: string) =>
    value !== '' && (
      <ActionIcon variant="subtle" color="gray" size="sm" aria-label={label} onClick={clear}>
        <IconX size={14} />
      </ActionIcon>
    );
  const anyFilter = Object.keys(filters).length > 0 || searchInput !== '' || regexInput !== '' || excludeInput !== '';

  const downloadName = live ? liveName : (file ?? liveName);
  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" gap="sm" mb={4}>
        <Group gap="sm">
          {title}
          {sourceStatus !== 'live' && <SourceStatusBadge status={sourceStatus} message={sourceMessage} />}
        </Group>
        <Group gap="xs" wrap="wrap" align="center">
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
          <Tooltip label="Create an alert from this filter">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconBellPlus size={14} />}
              onClick={() => navigate(createAlertPath(source, active))}
            >
              Create alert
            </Button>
          </Tooltip>
          <Tooltip label={filtered ? 'Download the matching entries' : `Download the entries of ${downloadName}`}>
            <ActionIcon
              component="a"
              href={exportUrl(source, active, file)}
              variant="default"
              size={30}
              aria-label="Download filtered result"
              data-testid="log-export"
            >
              <IconFileExport size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={`Download ${downloadName}`}>
            <ActionIcon
              component="a"
              href={fileDownloadUrl(source, downloadName)}
              download={downloadName}
              variant="default"
              size={30}
              aria-label="Download file"
            >
              <IconDownload size={16} />
            </ActionIcon>
          </Tooltip>
          {live ? (
            <StreamStatusIndicator
              status={status}
              subject="log"
              transport={transport}
              data-testid="log-stream-status"
            />
          ) : (
            <Badge color="gray" variant="light" size="lg" radius="sm" tt="none" data-testid="log-history-badge">
              history
            </Badge>
          )}
        </Group>
      </Group>
      <Group gap="sm" align="start" wrap="wrap">
        <InstancePicker instances={instanceList} value={instance} onChange={setPickedInstance} />
        <SourcePicker
          sources={sourceList.length > 0 ? sourceList : [{ name: DEFAULT_SOURCE, status: 'live' }]}
          value={source}
          onChange={(next) => next !== source && update({ source: next, file: null, before: null, cursor: null })}
        />
        <Select
          label="File"
          data-testid="log-file-select"
          data={fileOptions}
          value={file ?? LIVE}
          onChange={(value) => update({ file: !value || value === LIVE ? null : value, before: null })}
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
          rightSection={clearButton(searchInput, () => setSearchInput(''), 'Clear text')}
          maxLength={500}
          size="xs"
          w={{ base: '100%', xs: 180 }}
        />
        <TextInput
          label="Regex"
          placeholder="e.g. GET /api/\d+"
          value={regexInput}
          onChange={(e) => setRegexInput(e.currentTarget.value)}
          leftSection={<IconRegex size={14} />}
          rightSection={clearButton(regexInput, () => setRegexInput(''), 'Clear regex')}
          error={regexError}
          maxLength={500}
          size="xs"
          w={{ base: '100%', xs: 200 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="log-regex"
        />
        <TextInput
          label="Exclude"
          placeholder="Regex to hide"
          value={excludeInput}
          onChange={(e) => setExcludeInput(e.currentTarget.value)}
          leftSection={<IconRegex size={14} />}
          rightSection={clearButton(excludeInput, () => setExcludeInput(''), 'Clear exclude')}
          error={excludeError}
          maxLength={500}
          size="xs"
          w={{ base: '100%', xs: 180 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="log-exclude"
        />
        <Stack gap={4}>
          <Text size="xs" fw={500} component="span">
            Levels
          </Text>
          <Group h={30} align="center">
            <LevelFilter
              value={levelsInput.split(',').filter(isLevel)}
              onChange={(levels) => setLevelsInput(levels.join(','))}
            />
          </Group>
        </Stack>
      </Group>
      <Group gap="sm" align="end" wrap="wrap">
        <TextInput
          type="datetime-local"
          label="From"
          step={1}
          value={fromInput}
          onChange={(e) => setFromInput(e.currentTarget.value)}
          error={timeError}
          size="xs"
          w={{ base: '100%', xs: 200 }}
          data-testid="log-from"
        />
        <TextInput
          type="datetime-local"
          label="To"
          step={1}
          value={toInput}
          onChange={(e) => setToInput(e.currentTarget.value)}
          size="xs"
          w={{ base: '100%', xs: 200 }}
          data-testid="log-to"
        />
        <Group gap={4} align="end" wrap="nowrap">
          <TextInput
            type="datetime-local"
            label="Jump to time"
            step={1}
            value={jumpInput}
            onChange={(e) => setJumpInput(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && jumpTo(fromLocalInput(jumpInput))}
            size="xs"
            w={{ base: '100%', xs: 200 }}
            data-testid="log-jump-time"
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconClockSearch size={14} />}
            disabled={!fromLocalInput(jumpInput)}
            loading={seeking}
            onClick={() => jumpTo(fromLocalInput(jumpInput))}
          >
            Go
          </Button>
        </Group>
        {anyFilter && (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={14} />}
            onClick={() =>
              update({
                levels: DEFAULT_VIEW.levels,
                search: '',
                regex: '',
                exclude: '',
                from: '',
                to: '',
              })
            }
          >
            Clear filters
          </Button>
        )}
      </Group>
      <RateStrip source={source} onPick={(time) => jumpTo(new Date(Date.parse(time) + 60_000).toISOString())} />
      {sources.isError && (
        <Alert color="red" py={6} title="Cannot list log sources">
          {sources.error.message}
        </Alert>
      )}
      {files.isError && (
        <Alert color="red" py={6} title="Cannot list log files">
          {files.error.message}
        </Alert>
      )}
      {unknownSource && (
        <Alert color="red" py={6} title={`No log source ${source}`} data-testid="log-source-unknown">
          This server has no source of that name, or your role may not read it.
        </Alert>
      )}
      {sourceStatus === 'waiting' && (
        <Alert color="yellow" py={6} title={`Waiting for ${liveName}`} data-testid="log-source-waiting">
          {sourceMessage || 'The file does not exist yet: its lines appear here as soon as it is written.'}
        </Alert>
      )}
      {sourceStatus === 'unreadable' && (
        <Alert color="red" py={6} title={`Cannot read ${liveName}`} data-testid="log-source-unreadable">
          {sourceMessage || 'Vigil may not read this file.'}
        </Alert>
      )}
      <LogRowActionsContext.Provider value={actions}>
        <LogList items={items} top={top} empty={empty} />
      </LogRowActionsContext.Provider>
      {live && (
        <Text size="xs" c="dimmed">
          Showing the last {snapshot.items.length} of at most 500 lines
          {snapshot.paused ? ' · paused: new lines are held back' : ''}
          {status === 'offline' && items.length > 0 ? ' · offline: reconnecting, missed lines will follow' : ''}
        </Text>
      )}
      <LogRowActionsContext.Provider value={actions}>
        <ContextModal
          source={source}
          cursor={cursor}
          onClose={() => update({ cursor: null })}
          onCopyLink={actions.copyLink!}
        />
      </LogRowActionsContext.Provider>
    </Stack>
  );
}
