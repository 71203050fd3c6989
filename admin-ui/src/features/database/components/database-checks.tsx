import { Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { ConfirmModal } from '@/components/confirm-modal';
import { ListStatus } from '@/components/list-status';
import { dateTime, formatBytes, relativeTime } from '@/lib/format';
import { useDatabase } from '../api/get-database';
import { useStartCheck } from '../api/start-check';
import { CHECKS, checkLabel, isUnfinished, lastOf, outcomeColor, vacuumBlocked } from '../lib/checks';
import type { CheckKind, DatabaseCheck } from '../types';

function OutcomeBadge({ check }: { check: DatabaseCheck }) {
  return (
    <Badge color={outcomeColor(check.outcome)} variant={isUnfinished(check.outcome) ? 'outline' : 'light'}>
      {check.outcome}
    </Badge>
  );
}

function Result({ check }: { check: DatabaseCheck }) {
  if (!check.result) return null;
  return check.result.includes('\n') ? (
    <Code block style={{ maxHeight: 200, overflow: 'auto' }}>
      {check.result}
    </Code>
  ) : (
    <Text size="sm">{check.result}</Text>
  );
}

/** Tells the admin when the check they watched finishes (the page polls while one runs). */
function useFinishedNotice(running: DatabaseCheck | null | undefined, checks: DatabaseCheck[] | undefined) {
  const watched = useRef<number | null>(null);
  useEffect(() => {
    if (running) {
      watched.current = running.id;
      return;
    }
    const finished = checks?.find((c) => c.id === watched.current);
    if (finished && !isUnfinished(finished.outcome)) {
      watched.current = null;
      notifications.show({
        color: outcomeColor(finished.outcome),
        title: `${checkLabel(finished.kind)}: ${finished.outcome}`,
        message: finished.result.split('\n')[0],
      });
    }
  }, [running, checks]);
}

/** One button per check with its last result; VACUUM asks first. Results appear as the jobs finish. */
export function DatabaseChecks() {
  const database = useDatabase();
  const start = useStartCheck();
  const [confirmVacuum, setConfirmVacuum] = useState(false);
  const health = database.data;
  const running = health?.running;
  useFinishedNotice(running, health?.checks);

  const run = (kind: CheckKind) =>
    start.mutate(kind, {
      onSuccess: ({ check }) => {
        setConfirmVacuum(false);
        notifications.show({ color: 'blue', title: `${checkLabel(kind)} queued`, message: `Job ${check.job_id}` });
      },
      onError: () => setConfirmVacuum(false),
    });

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        {CHECKS.map((c) => {
          const last = lastOf(health, c.kind);
          const blocked =
            c.kind === 'vacuum'
              ? vacuumBlocked(health)
              : running
                ? `${checkLabel(running.kind)} is ${running.outcome}`
                : null;
          const busy = running?.kind === c.kind;
          return (
            <Paper key={c.kind} withBorder p="sm" radius="md" data-testid={`check-${c.kind}`}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Title order={4}>{c.label}</Title>
                  {last && <OutcomeBadge check={last} />}
                </Group>
                <Text size="sm" c="dimmed">
                  {c.description}
                </Text>
                {last ? (
                  <>
                    <Text size="xs" c="dimmed" title={dateTime(last.finished_at ?? last.requested_at)}>
                      {last.finished_at
                        ? `Finished ${relativeTime(last.finished_at)}`
                        : `Requested ${relativeTime(last.requested_at)}`}
                      {last.requested_by_email ? ` · by ${last.requested_by_email}` : ''}
                    </Text>
                    <Result check={last} />
                  </>
                ) : (
                  <Text size="xs" c="dimmed">
                    Never run.
                  </Text>
                )}
                <Group>
                  <Tooltip label={blocked ?? ''} disabled={!blocked || busy}>
                    <Button
                      size="xs"
                      leftSection={<IconPlayerPlay size={14} />}
                      color={c.confirm ? 'orange' : undefined}
                      disabled={blocked !== null && !busy}
                      loading={busy || (start.isPending && start.variables === c.kind)}
                      onClick={() => (c.confirm ? setConfirmVacuum(true) : run(c.kind))}
                    >
                      Run {c.label.toLowerCase()}
                    </Button>
                  </Tooltip>
                </Group>
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>

      <CheckHistory checks={health?.checks} loading={database.isPending} />

      <ConfirmModal
        opened={confirmVacuum}
        title="Vacuum the database?"
        confirmLabel="Run vacuum"
        color="orange"
        loading={start.isPending}
        onConfirm={() => run('vacuum')}
        onClose={() => setConfirmVacuum(false)}
      >
        VACUUM rewrites the whole database file. Until it is done, every write waits: sign-ins, notifications and jobs
        pause. It needs up to {formatBytes(health?.figures.vacuum_needs_bytes ?? -1)} of free disk space (
        {formatBytes(health?.figures.disk_free_bytes ?? -1)} free) and should give back about{' '}
        {formatBytes(health?.figures.reclaimable_bytes ?? -1)}.
      </ConfirmModal>
    </Stack>
  );
}

function CheckHistory({ checks, loading }: { checks: DatabaseCheck[] | undefined; loading: boolean }) {
  const list = checks ?? [];
  return (
    <Paper withBorder radius="md">
      <Title order={4} p="sm" pb={0}>
        Recent checks
      </Title>
      <ListStatus loading={loading} empty={!loading && list.length === 0}>
        No checks have run yet.
      </ListStatus>
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Check</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Requested</Table.Th>
                <Table.Th>Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((check) => (
                <Table.Tr key={check.id} data-testid="check-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{checkLabel(check.kind)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <OutcomeBadge check={check} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{dateTime(check.requested_at)}</Text>
                    <Text size="xs" c="dimmed">
                      {check.requested_by_email ?? (check.requested_by ? `admin #${check.requested_by}` : '—')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Result check={check} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
