import { Alert, Button, Center, Group, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { MAX_CONTEXT, useLogContext } from '../api/get-log-context';
import type { LogLine as LogLineItem } from '../types';
import { LogLine } from './log-row';

const STEP = 20;

/**
 * The entries around one (a filtered error, a permalink), from the unfiltered file: the entry itself
 * highlighted and scrolled into view, more on either side on demand.
 */
export function ContextModal({
  source,
  cursor,
  onClose,
  onCopyLink,
}: {
  source: string;
  cursor: string | null;
  onClose: () => void;
  onCopyLink: (cursor: string) => void;
}) {
  const [span, setSpan] = useState({ cursor, before: STEP, after: STEP });
  // Another entry: back to the default span.
  if (span.cursor !== cursor) {
    setSpan({ cursor, before: STEP, after: STEP });
  }
  const context = useLogContext(source, cursor, span.before, span.after);
  const data = context.data;
  const items = useMemo<LogLineItem[]>(
    () =>
      (data?.entries ?? []).map((entry, i) => ({
        kind: 'log',
        key: `context|${data?.cursors?.[i] ?? i}`,
        cursor: data?.cursors?.[i] ?? null,
        entry,
        raw: JSON.stringify(entry),
      })),
    [data],
  );
  const targetRef = useRef<HTMLDivElement>(null);
  const target = data?.target ?? -1;
  useEffect(() => {
    targetRef.current?.scrollIntoView({ block: 'center' });
  }, [data?.cursors, target]);

  let body;
  if (context.isPending && cursor !== null) {
    body = (
      <Center py="lg">
        <Loader size="sm" />
      </Center>
    );
  } else if (context.isError) {
    const gone = context.error instanceof ApiError && context.error.status === 404;
    body = (
      <Alert color={gone ? 'yellow' : 'red'} title={gone ? 'Entry no longer available' : 'Cannot show the context'}>
        {gone
          ? 'The file holding this entry has been rotated away or truncated since the link was made.'
          : context.error.message}
      </Alert>
    );
  } else {
    const more = (side: 'before' | 'after') =>
      span[side] < MAX_CONTEXT && (
        <Center py={4}>
          <Button
            size="compact-xs"
            variant="subtle"
            loading={context.isFetching}
            onClick={() => setSpan((s) => ({ ...s, [side]: Math.min(MAX_CONTEXT, s[side] + STEP) }))}
          >
            {side === 'before' ? 'Earlier entries' : 'Later entries'}
          </Button>
        </Center>
      );
    body = (
      <Paper withBorder radius="sm" data-testid="log-context" style={{ maxHeight: '65vh', overflowY: 'auto' }}>
        {more('before')}
        {items.map((item, i) => (
          <div key={item.key} ref={i === target ? targetRef : undefined}>
            <LogLine item={item} target={i === target} />
          </div>
        ))}
        {more('after')}
      </Paper>
    );
  }

  return (
    <Modal
      opened={cursor !== null}
      onClose={onClose}
      size="90rem"
      title={<Text fw={600}>Context{data ? ` — ${data.source} · ${data.file}` : ''}</Text>}
    >
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          The entries around this one as written, without the viewer&apos;s filters.
        </Text>
        {body}
        <Group justify="flex-end">
          {cursor && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconLink size={14} />}
              onClick={() => onCopyLink(cursor)}
              data-testid="context-copy-link"
            >
              Copy link
            </Button>
          )}
          <Button size="xs" onClick={onClose} data-testid="context-close">
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
