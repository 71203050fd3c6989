import { Alert, Badge, Button, Checkbox, Code, Group, Loader, Paper, Stack, Table, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInbox, IconPlayerStop, IconRotateClockwise } from '@tabler/icons-react';
import { Fragment, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ConfirmModal } from '@/components/confirm-modal';
import { ListStatus } from '@/components/list-status';
import { RelativeTime } from '@/components/relative-time';
import { RowAction } from '@/components/row-action';
import { TablePager } from '@/components/table-pager';
import { dateTime } from '@/lib/format';
import { selectedRowBg, useRowSelection } from '@/lib/use-row-selection';
import { useBulkCancelJobs } from '../api/bulk-cancel-jobs';
import { useBulkRetryJobs } from '../api/bulk-retry-jobs';
import { useCancelJob } from '../api/cancel-job';
import { useJobs } from '../api/get-jobs';
import { useQueueStats } from '../api/get-queue-stats';
import { useRetryJob } from '../api/retry-job';
import {
  actionable,
  BULK_MAX,
  canCancel,
  canRetry,
  countFor,
  errorKind,
  hasBulkActions,
  isJobStatus,
  STATUSES,
  statusInfo,
} from '../lib/job-status';
import type { Job, JobStatus } from '../types';
import { JobStackTrace } from './job-stack-trace';
import { ExpandCell } from './expand-cell';

const PAGE_SIZE = 20;

type Pending =
  { kind: 'cancel-one'; job: Job } | { kind: 'bulk-retry'; ids: string[] } | { kind: 'bulk-cancel'; ids: string[] };

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function JobRow({
  job,
  selectable,
  selected,
  expanded,
  onSelect,
  onExpand,
  onCancel,
}: {
  job: Job;
  selectable: boolean;
  selected: boolean;
  expanded: boolean;
  onSelect: () => void;
  onExpand: () => void;
  onCancel: () => void;
}) {
  const retry = useRetryJob();
  const info = statusInfo(job.state);
  const kind = errorKind(job);
  return (
    <Fragment>
      <Table.Tr data-testid="job-row" bg={selectedRowBg(selected)}>
        {selectable && (
          <Table.Td w={40}>
            <Checkbox aria-label={`Select job ${job.name}`} checked={selected} onChange={onSelect} />
          </Table.Td>
        )}
        <ExpandCell expanded={expanded} onToggle={onExpand} what={`details of ${job.name}`} />
        <Table.Td style={{ maxWidth: 420 }}>
          <Text size="sm" fw={500} truncate title={job.name}>
            {job.name}
          </Text>
          {(kind === 'failed' || kind === 'retrying') && (
            <Text size="xs" c={kind === 'failed' ? 'red' : 'orange'} truncate title={job.error}>
              {kind === 'retrying' ? `Retrying after: ${job.error}` : job.error}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Badge variant="light" color={info.color}>
            {info.label}
          </Badge>
        </Table.Td>
        <Table.Td>
          <RelativeTime iso={job.created_at} />
        </Table.Td>
        <Table.Td>
          <RelativeTime iso={job.updated_at} />
        </Table.Td>
        <Table.Td>
          <Group gap={4} wrap="nowrap" justify="flex-end">
            {canRetry(job) && (
              <RowAction
                tooltip="Retry"
                label={`Retry ${job.name}`}
                icon={IconRotateClockwise}
                loading={retry.isPending}
                onClick={() =>
                  retry.mutate(job.id, {
                    onSuccess: () => notifications.show({ color: 'green', title: 'Job re-queued', message: job.name }),
                  })
                }
              />
            )}
            {canCancel(job) && (
              <RowAction
                tooltip="Cancel"
                label={`Cancel ${job.name}`}
                icon={IconPlayerStop}
                color="red"
                onClick={onCancel}
              />
            )}
          </Group>
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr data-testid="job-details">
          <Table.Td colSpan={selectable ? 7 : 6} bg="var(--mantine-color-default-hover)">
            <Stack gap="sm" py={4}>
              <Group gap="xl" align="flex-start" wrap="wrap">
                <Detail label="Job id">
                  <Text span ff="monospace" size="sm">
                    {job.id}
                  </Text>
                </Detail>
                <Detail label="Recurring task">{job.recurring_job ?? '—'}</Detail>
                <Detail label="Created">{dateTime(job.created_at)}</Detail>
                <Detail label="Updated">{dateTime(job.updated_at)}</Detail>
                {job.attempts !== undefined && <Detail label="Attempts">{job.attempts}</Detail>}
              </Group>
              {job.error && (
                <div>
                  <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
                    {kind === 'past' ? 'Earlier failure' : 'Last error'}
                  </Text>
                  <Code
                    block
                    c={kind === 'past' ? 'dimmed' : 'red'}
                    style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                  >
                    {job.error}
                  </Code>
                </div>
              )}
              {job.error && <JobStackTrace id={job.id} />}
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

const plural = (n: number) => `${n} job${n === 1 ? '' : 's'}`;

function confirmText(
  pending: Pending | null,
  selectedCount: number,
): { title: string; confirm: string; body: ReactNode } {
  if (!pending) return { title: '', confirm: '', body: null };
  if (pending.kind === 'cancel-one') {
    return {
      title: 'Cancel job?',
      confirm: 'Cancel job',
      body: (
        <>
          <b>{pending.job.name}</b> will not run. A cancelled job can be retried later from the Cancelled tab.
        </>
      ),
    };
  }
  const skipped = selectedCount > pending.ids.length;
  if (pending.kind === 'bulk-retry') {
    return {
      title: 'Retry jobs?',
      confirm: `Retry ${plural(pending.ids.length)}`,
      body: `${plural(pending.ids.length)} will be put back in the queue.${skipped ? ' Selected jobs that cannot be retried are skipped.' : ''}`,
    };
  }
  return {
    title: 'Cancel jobs?',
    confirm: `Cancel ${plural(pending.ids.length)}`,
    body: `${plural(pending.ids.length)} will be cancelled; they can be retried later from the Cancelled tab.${skipped ? ' Selected jobs that cannot be cancelled are skipped.' : ''}`,
  };
}

/** The queue's jobs by status, with per-row and bulk retry/cancel. Status and page live in the URL. */
export function JobList() {
  const [params, setParams] = useSearchParams();
  const status: JobStatus = isJobStatus(params.get('status')) ? (params.get('status') as JobStatus) : 'enqueued';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const jobs = useJobs(status, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  const stats = useQueueStats();
  const cancel = useCancelJob();
  const bulkRetry = useBulkRetryJobs();
  const bulkCancel = useBulkCancelJobs();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<Pending | null>(null);

  // Running and finished jobs take no action, so those tabs have nothing to select.
  const selectable = hasBulkActions(status);
  const rows = jobs.data?.jobs ?? [];
  const total = jobs.data?.total ?? 0;
  const selection = useRowSelection(selectable ? rows.map((job) => job.id) : [], BULK_MAX);
  const retryIds = actionable(rows, selection.selected, canRetry);
  const cancelIds = actionable(rows, selection.selected, canCancel);

  const navigate = (next: { status?: JobStatus; page?: number }) => {
    const search = new URLSearchParams(params);
    search.set('status', next.status ?? status);
    search.set('page', String(next.page ?? 1));
    setParams(search, { replace: true });
    selection.clear();
    setExpanded(new Set());
  };

  const done = (title: string, affected: number) => {
    notifications.show({ color: 'green', title, message: `${affected} job${affected === 1 ? '' : 's'} affected` });
    selection.clear();
    setPending(null);
  };

  const confirm = () => {
    if (!pending) return;
    if (pending.kind === 'cancel-one') {
      cancel.mutate(pending.job.id, {
        onSuccess: () => {
          notifications.show({ color: 'green', title: 'Job cancelled', message: pending.job.name });
          setPending(null);
        },
      });
    } else if (pending.kind === 'bulk-retry') {
      bulkRetry.mutate(pending.ids, { onSuccess: (r) => done('Jobs re-queued', r.affected) });
    } else {
      bulkCancel.mutate(pending.ids, { onSuccess: (r) => done('Jobs cancelled', r.affected) });
    }
  };

  const text = confirmText(pending, selection.ids.length);

  const body = (
    <>
      {selection.ids.length > 0 && (
        <Group px="sm" pb="sm" gap="sm" data-testid="bulk-bar">
          <Text size="sm" fw={500}>
            {selection.ids.length} selected
          </Text>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRotateClockwise size={14} />}
            disabled={retryIds.length === 0}
            onClick={() => setPending({ kind: 'bulk-retry', ids: retryIds })}
          >
            Retry selected
          </Button>
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconPlayerStop size={14} />}
            disabled={cancelIds.length === 0}
            onClick={() => setPending({ kind: 'bulk-cancel', ids: cancelIds })}
          >
            Cancel selected
          </Button>
          <Button size="xs" variant="subtle" color="gray" onClick={selection.clear}>
            Clear selection
          </Button>
        </Group>
      )}

      {jobs.isError && (
        <Alert color="red" mx="sm" mb="sm" title="Could not load jobs">
          {jobs.error.message}
        </Alert>
      )}

      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {selectable && (
                <Table.Th w={40}>
                  <Checkbox aria-label="Select all jobs on this page" {...selection.headerCheckbox} />
                </Table.Th>
              )}
              <Table.Th w={40} />
              <Table.Th>Name</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Updated</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((job) => (
              <JobRow
                key={job.id}
                job={job}
                selectable={selectable}
                selected={selection.has(job.id)}
                expanded={expanded.has(job.id)}
                onSelect={() => selection.toggle(job.id)}
                onExpand={() =>
                  setExpanded((s) => {
                    const next = new Set(s);
                    if (next.has(job.id)) next.delete(job.id);
                    else next.add(job.id);
                    return next;
                  })
                }
                onCancel={() => setPending({ kind: 'cancel-one', job })}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListStatus loading={jobs.isPending} empty={jobs.isSuccess && rows.length === 0} icon={<IconInbox size={32} />}>
        No {statusInfo(status).label.toLowerCase()} jobs.
      </ListStatus>

      {total > 0 && (
        <TablePager
          p="sm"
          total={total}
          page={page}
          pageSize={PAGE_SIZE}
          paginationLabel="Jobs pages"
          onPageChange={(p) => navigate({ page: p })}
        />
      )}
    </>
  );

  return (
    <Paper withBorder radius="md">
      <Tabs value={status} onChange={(value) => value && isJobStatus(value) && navigate({ status: value })}>
        <Tabs.List px="sm" pt={4} aria-label="Job status">
          {STATUSES.map((s) => {
            const count = countFor(stats.data?.stats, s.value);
            return (
              <Tabs.Tab
                key={s.value}
                value={s.value}
                rightSection={
                  count !== null && (
                    <Badge
                      size="sm"
                      variant={s.value === status ? 'filled' : 'light'}
                      color={count > 0 ? s.color : 'gray'}
                      circle={count < 10}
                    >
                      {count.toLocaleString()}
                    </Badge>
                  )
                }
              >
                {s.label}
              </Tabs.Tab>
            );
          })}
          <Group gap="xs" ml="auto" px="xs" visibleFrom="sm">
            {jobs.isFetching && <Loader size="xs" aria-label="Refreshing" />}
            <Text size="xs" c="dimmed">
              Refreshes every 5 s
            </Text>
          </Group>
        </Tabs.List>
        {STATUSES.map((s) => (
          <Tabs.Panel key={s.value} value={s.value} pt="sm">
            {s.value === status && body}
          </Tabs.Panel>
        ))}
      </Tabs>

      <ConfirmModal
        opened={pending !== null}
        onClose={() => setPending(null)}
        loading={cancel.isPending || bulkRetry.isPending || bulkCancel.isPending}
        onConfirm={confirm}
        color={pending?.kind === 'bulk-retry' ? 'indigo' : 'red'}
        dismissLabel={pending?.kind === 'bulk-retry' ? 'Cancel' : 'Keep'}
        title={text.title}
        confirmLabel={text.confirm}
      >
        {text.body}
      </ConfirmModal>
    </Paper>
  );
}
