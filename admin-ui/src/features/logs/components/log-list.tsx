import { Box, Button, Divider, Paper } from '@mantine/core';
import { IconArrowDown } from '@tabler/icons-react';
import { Fragment, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { dayKey, formatDay } from '../lib/format';
import type { LogItem } from '../types';
import { LogLine, LogMarker } from './log-row';

/** Within this many pixels of the end counts as "at the bottom" (following new lines). */
const BOTTOM_SLACK = 24;

/**
 * The lines, oldest at the top and newest at the bottom like a terminal, with a date separator
 * wherever the day changes. Follows new lines while scrolled to the bottom; once the reader scrolls
 * up it stays put and offers "Jump to latest". Lines added above (older pages) keep the view in place.
 */
export function LogList({ items, top, empty }: { items: readonly LogItem[]; top?: ReactNode; empty?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const fromBottom = useRef(0);
  const firstKey = useRef<string | null>(null);
  const lastKey = useRef<string | null>(null);
  const [atBottom, setAtBottom] = useState(true);

  const onScroll = () => {
    const el = ref.current;
    if (!el) {
      return;
    }
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK;
    following.current = bottom;
    fromBottom.current = el.scrollHeight - el.scrollTop;
    setAtBottom(bottom);
  };

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) {
      return;
    }
    const first = items.length > 0 ? items[0].key : null;
    const last = items.length > 0 ? items[items.length - 1].key : null;
    if (following.current) {
      el.scrollTop = el.scrollHeight;
    } else if (first !== firstKey.current && last === lastKey.current) {
      // Older lines were added above: keep what the reader is looking at where it was.
      el.scrollTop = el.scrollHeight - fromBottom.current;
    }
    firstKey.current = first;
    lastKey.current = last;
    fromBottom.current = el.scrollHeight - el.scrollTop;
  }, [items]);

  const jump = () => {
    const el = ref.current;
    if (el) {
      following.current = true;
      el.scrollTop = el.scrollHeight;
      setAtBottom(true);
    }
  };

  // The day heading above each line that starts a new day.
  const dayStarts = new Map<string, string>();
  let previousDay: string | null = null;
  for (const item of items) {
    const day = item.kind === 'log' ? dayKey(item.entry) : null;
    if (day && day !== previousDay) {
      dayStarts.set(item.key, day);
      previousDay = day;
    }
  }
  return (
    <Paper withBorder radius="sm" pos="relative" style={{ flex: 1, minHeight: 240, display: 'flex' }}>
      <Box
        ref={ref}
        onScroll={onScroll}
        data-testid="log-list"
        role="log"
        aria-label="Log lines"
        aria-live="off"
        style={{ flex: 1, overflowY: 'auto', overflowX: 'hidden' }}
      >
        {top}
        {items.length === 0 && empty}
        {items.map((item) => {
          const day = dayStarts.get(item.key);
          return (
            <Fragment key={item.key}>
              {day && (
                <Divider
                  data-testid="log-date-separator"
                  role="separator"
                  my={4}
                  px="xs"
                  labelPosition="left"
                  label={formatDay(day)}
                />
              )}
              {item.kind === 'log' ? <LogLine item={item} /> : <LogMarker item={item} />}
            </Fragment>
          );
        })}
      </Box>
      {!atBottom && items.length > 0 && (
        <Button
          size="xs"
          radius="xl"
          leftSection={<IconArrowDown size={14} />}
          onClick={jump}
          style={{ position: 'absolute', right: 16, bottom: 12, boxShadow: 'var(--mantine-shadow-md)' }}
        >
          Jump to latest
        </Button>
      )}
    </Paper>
  );
}
