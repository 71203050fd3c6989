import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Code,
  Grid,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconFilterOff, IconListSearch, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { ListStatus } from '@/components/list-status';
import { TablePager } from '@/components/table-pager';
import { adminLabel, useAdminOptions } from '@/lib/admin-options';
import { dateTime, relativeTime } from '@/lib/format';
import { useAuditLog } from '../api/get-audit-log';
import { actionColor, auditQuery, filterError, hasFilters, KNOWN_ACTIONS } from '../lib/audit-query';
import { actorLabel, shortIp, targetLabel } from '../lib/format';
import { EMPTY_FILTERS, type AuditEntry, type AuditFilters, type SortOrder } from '../types';

const PAGE_SIZE = 25;

function AuditRow({ entry }: { entry: AuditEntry }) {
  const actor = actorLabel(entry);
  const target = targetLabel(entry);
  return (
    <Table.Tr data-testid="audit-row">
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{dateTime(entry.created_at)}</Text>
        <Text size="xs" c="dimmed">
          {relativeTime(entry.created_at)}
        </Text>
      </Table.Td>
      <Table.Td style={{ maxWidth: 220 }}>
        <Text size="sm" truncate title={actor.primary} c={entry.admin_id === null ? 'dimmed' : undefined}>
          {actor.primary}
        </Text>
        {actor.secondary && (
          <Text size="xs" c="dimmed" truncate title={actor.secondary}>
            {actor.secondary}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge variant="light" color={actionColor(entry.action)} tt="none" styles={{ label: { overflow: 'visible' } }}>
          {entry.action}
        </Badge>
      </Table.Td>
      <Table.Td style={{ maxWidth: 240 }}>
        {target ? (
          <Text size="sm" truncate title={target}>
            {entry.entity_type} {entry.entity_id && <Code>{entry.entity_id}</Code>}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ maxWidth: 280 }}>
        {entry.details ? (
          <Text size="sm" lineClamp={2} title={entry.details} style={{ wordBreak: 'break-word' }}>
            {entry.details}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {entry.ip ? (
          <Tooltip label={entry.request_id ? `Request ${entry.request_id}` : 'No request id'} openDelay={300}>
            <Text size="sm" ff="monospace" span>
              {shortIp(entry.ip)}
            </Text>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The audit log with the filters GET /api/admin/audit supports, newest first by default.
 * `canListAdmins` (scope admin:admins) turns the admin filter into a picker; otherwise it takes an id.
 */
export function AuditLog({ canListAdmins }: { canListAdmins: boolean }) {
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_FILTERS);
  const [page, setPage] = useState(1);
  const [order, setOrder] = useState<SortOrder>('desc');
  const [search] = useDebouncedValue(filters.search, 300);
  const admins = useAdminOptions(canListAdmins);
  const problem = filterError(filters);
  const query = auditQuery({ ...filters, search }, page, PAGE_SIZE, order);
  const audit = useAuditLog(query);

  const set = (patch: Partial<AuditFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const rows = audit.data?.entries ?? [];
  const total = audit.data?.total ?? 0;
  const adminData = (admins.data ?? []).map((a) => ({ value: String(a.id), label: adminLabel(a) }));

  return (
    <Paper withBorder radius="md">
      <Stack gap="xs" p="sm">
        <Grid columns={10} gutter="sm">
          <Grid.Col span={{ base: 10, xs: 5, md: 2 }}>
            <Autocomplete
              label="Action"
              placeholder="Any action"
              data={KNOWN_ACTIONS}
              value={filters.action}
              onChange={(action) => set({ action })}
              clearable
              limit={20}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 10, xs: 5, md: 2 }}>
            {canListAdmins && !admins.isError ? (
              <Select
                label="Admin"
                placeholder="Any admin"
                data={adminData}
                value={filters.adminId || null}
                onChange={(value) => set({ adminId: value ?? '' })}
                searchable
                clearable
                nothingFoundMessage="No such admin"
                rightSection={admins.isPending ? <Loader size="xs" /> : undefined}
              />
            ) : (
              <TextInput
                label="Admin id"
                placeholder="Any admin"
                inputMode="numeric"
                value={filters.adminId}
                onChange={(e) => set({ adminId: e.currentTarget.value })}
                error={filters.adminId.trim() && !/^\d+$/.test(filters.adminId.trim()) ? 'Must be a number' : undefined}
              />
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 5, md: 2 }}>
            <TextInput
              label="From"
              type="date"
              value={filters.from}
              onChange={(e) => set({ from: e.currentTarget.value })}
              max={filters.to || undefined}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 5, md: 2 }}>
            <TextInput
              label="To"
              type="date"
              value={filters.to}
              onChange={(e) => set({ to: e.currentTarget.value })}
              min={filters.from || undefined}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 10, md: 2 }}>
            <TextInput
              label="Search"
              placeholder="Action or details"
              leftSection={<IconSearch size={14} />}
              value={filters.search}
              onChange={(e) => set({ search: e.currentTarget.value })}
            />
          </Grid.Col>
        </Grid>
        <Group justify="space-between" gap="xs" mih={30}>
          <Group gap="xs">
            {audit.isSuccess && (
              <Text size="sm" c="dimmed">
                {total.toLocaleString()} {total === 1 ? 'entry' : 'entries'}
                {hasFilters(filters) ? (total === 1 ? ' matches' : ' match') : ''}
              </Text>
            )}
            {audit.isFetching && !audit.isPending && <Loader size="xs" aria-label="Loading" />}
            {problem && (
              <Text size="sm" c="red">
                {problem}
              </Text>
            )}
          </Group>
          {hasFilters(filters) && (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconFilterOff size={14} />}
              onClick={() => {
                setFilters(EMPTY_FILTERS);
                setPage(1);
              }}
            >
              Clear filters
            </Button>
          )}
        </Group>
      </Stack>

      {audit.isError && (
        <Alert color="red" mx="sm" mb="sm" title="Could not load the audit log">
          {audit.error.message}
        </Alert>
      )}

      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <UnstyledButton
                  onClick={() => {
                    setOrder(order === 'desc' ? 'asc' : 'desc');
                    setPage(1);
                  }}
                  aria-label={
                    order === 'desc' ? 'When: newest first, sort oldest first' : 'When: oldest first, sort newest first'
                  }
                >
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm" fw={700}>
                      When
                    </Text>
                    {order === 'desc' ? <IconArrowDown size={14} /> : <IconArrowUp size={14} />}
                  </Group>
                </UnstyledButton>
              </Table.Th>
              <Table.Th>Admin</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>Details</Table.Th>
              <Table.Th>IP</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody style={{ opacity: audit.isPlaceholderData ? 0.6 : 1 }}>
            {rows.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ListStatus
        loading={audit.isPending}
        empty={audit.isSuccess && rows.length === 0}
        icon={<IconListSearch size={32} />}
      >
        {hasFilters(filters) ? 'No entries match these filters.' : 'The audit log is empty.'}
      </ListStatus>

      {total > 0 && (
        <TablePager
          p="sm"
          total={total}
          page={page}
          pageSize={PAGE_SIZE}
          paginationLabel="Audit pages"
          onPageChange={setPage}
        />
      )}
    </Paper>
  );
}
