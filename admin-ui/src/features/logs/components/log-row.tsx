import { Code, Divider, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCopy, IconLink, IconListSearch, IconRefresh, IconRotate } from '@tabler/icons-react';
import { createContext, memo, useContext, useState } from 'react';
import { extraLines, formatTime, keyFields, levelColor, messageOf, shortLogger } from '../lib/format';
import type { LogEntry, LogItem, LogLine as LogLineItem } from '../types';
import classes from './log-row.module.css';
import { copyText } from '@/lib/copy-text';

/** What a row offers for an entry with a cursor: its context, a link to it. Provided once per list. */
export interface LogRowActions {
  showContext?: (cursor: string) => void;
  copyLink?: (cursor: string) => void;
}

export const LogRowActionsContext = createContext<LogRowActions>({});

export function copyToClipboard(text: string, what: string) {
  copyText(text).then(
    () => notifications.show({ message: `${what} copied to the clipboard`, autoClose: 2000 }),
    (error: Error) => notifications.show({ color: 'red', title: 'Copy failed', message: error.message }),
  );
}

/**
 * The row's buttons, shown on hover and focus. Plain elements, no Tooltip: up to 500 rows mount at once
 * under a flood, each must stay cheap.
 */
function RowActions({ raw, cursor }: { raw: string; cursor: string | null }) {
  const { showContext, copyLink } = useContext(LogRowActionsContext);
  return (
    <span className={classes.actions}>
      {cursor && showContext && (
        <button
          type="button"
          className={classes.action}
          aria-label="Show context"
          title="Show context (the entries around this one, unfiltered)"
          onClick={() => showContext(cursor)}
        >
          <IconListSearch size={14} />
        </button>
      )}
      {cursor && copyLink && (
        <button
          type="button"
          className={classes.action}
          aria-label="Copy link"
          title="Copy a link to this entry"
          onClick={() => copyLink(cursor)}
        >
          <IconLink size={14} />
        </button>
      )}
      <button
        type="button"
        className={classes.action}
        aria-label="Copy line"
        title="Copy line (raw JSON)"
        onClick={() => copyToClipboard(raw, 'Log line')}
      >
        <IconCopy size={14} />
      </button>
    </span>
  );
}

function Details({ entry }: { entry: LogEntry }) {
  const { stack, ...fields } = entry;
  const multiLine = typeof fields.msg === 'string' && fields.msg.includes('\n');
  return (
    <div className={classes.details}>
      {/* A multi-line entry as written: its first line, then the rest (a stack trace). */}
      {(multiLine || (typeof stack === 'string' && stack !== '')) && (
        <pre className={classes.stack} data-testid="log-stack">
          {[fields.msg, stack].filter((part) => typeof part === 'string' && part !== '').join('\n')}
        </pre>
      )}
      <Code block mt={6}>
        {JSON.stringify(fields, null, 2)}
      </Code>
    </div>
  );
}

export const LogLine = memo(function LogLine({ item, target }: { item: LogLineItem; target?: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const { entry } = item;
  const fields = keyFields(entry);
  const level = entry.level ?? 'unknown';
  const extra = extraLines(entry);
  return (
    <div
      className={classes.row}
      data-testid="log-row"
      data-level={level}
      data-cursor={item.cursor ?? undefined}
      data-target={target || undefined}
      data-expanded={expanded || undefined}
    >
      <button type="button" className={classes.summary} aria-expanded={expanded} onClick={() => setExpanded((e) => !e)}>
        <span className={classes.time}>{formatTime(entry)}</span>
        <span className={classes.level} data-color={levelColor(level)}>
          {level}
        </span>
        {typeof entry.logger === 'string' && <span className={classes.logger}>{shortLogger(entry.logger)}</span>}
        <span className={classes.message}>
          {entry.truncated === true && (
            <IconAlertTriangle size={12} aria-label="truncated" style={{ verticalAlign: 'middle', marginRight: 4 }} />
          )}
          {messageOf(entry)}
          {extra > 0 && (
            <span className={classes.more} data-testid="log-more-lines">
              {' '}
              +{extra} line{extra === 1 ? '' : 's'}
            </span>
          )}
        </span>
        {fields.length > 0 && (
          <span className={classes.fields}>
            {fields.map(([name, value]) => (
              <span key={name}>
                {' '}
                <span className={classes.fieldName}>{name}</span>={value}
              </span>
            ))}
          </span>
        )}
      </button>
      <RowActions raw={item.raw} cursor={item.cursor} />
      {expanded && <Details entry={entry} />}
    </div>
  );
});

export function LogMarker({ item }: { item: Exclude<LogItem, { kind: 'log' }> }) {
  let icon;
  let color: string;
  let label: string;
  switch (item.kind) {
    case 'skipped':
      icon = <IconAlertTriangle size={14} />;
      color = 'orange';
      label = `skipped ${item.count} line${item.count === 1 ? '' : 's'} — this viewer fell behind the log`;
      break;
    case 'rotated':
      icon = <IconRotate size={14} />;
      color = 'blue';
      label = `rotated — ${item.file ?? 'the log file'} was rotated${item.reason ? ` (${item.reason})` : ''}; following the new file`;
      break;
    case 'reset':
      icon = <IconRefresh size={14} />;
      color = 'grape';
      label = 'reset — could not resume where the stream stopped; showing the most recent lines';
      break;
  }
  return (
    <div className={classes.marker} data-testid="log-marker" data-kind={item.kind}>
      <Divider
        color={color}
        variant="dashed"
        labelPosition="center"
        label={
          <Text
            span
            size="xs"
            c={color}
            ff="monospace"
            style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
          >
            {icon}
            {label}
          </Text>
        }
      />
    </div>
  );
}
