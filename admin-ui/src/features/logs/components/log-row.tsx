import { Code, Divider, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCopy, IconRefresh, IconRotate } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { formatTime, keyFields, levelColor, messageOf, shortLogger } from '../lib/format';
import type { LogEntry, LogItem } from '../types';
import classes from './log-row.module.css';

/** navigator.clipboard needs a secure context (https or localhost); plain http gets the old way. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) {
    throw new Error('the browser refused to copy');
  }
}

function CopyLine({ raw }: { raw: string }) {
  const copy = () => {
    copyText(raw).then(
      () => notifications.show({ message: 'Log line copied to the clipboard', autoClose: 2000 }),
      (error: Error) => notifications.show({ color: 'red', title: 'Copy failed', message: error.message }),
    );
  };
  // Plain elements, no Tooltip: up to 500 rows mount at once under a flood, each must stay cheap.
  return (
    <button type="button" className={classes.copy} aria-label="Copy line" title="Copy line (raw JSON)" onClick={copy}>
      <IconCopy size={14} />
    </button>
  );
}

function Details({ entry }: { entry: LogEntry }) {
  const { stack, ...fields } = entry;
  return (
    <div className={classes.details}>
      <Code block>{JSON.stringify(fields, null, 2)}</Code>
      {typeof stack === 'string' && stack !== '' && (
        <>
          <Text size="xs" c="dimmed" mt={6} mb={2}>
            stack
          </Text>
          <pre className={classes.stack}>{stack}</pre>
        </>
      )}
    </div>
  );
}

export const LogLine = memo(function LogLine({ item }: { item: Extract<LogItem, { kind: 'log' }> }) {
  const [expanded, setExpanded] = useState(false);
  const { entry } = item;
  const fields = keyFields(entry);
  const level = entry.level ?? 'unknown';
  return (
    <div className={classes.row} data-testid="log-row" data-level={level} data-expanded={expanded || undefined}>
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
      <CopyLine raw={item.raw} />
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
