import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { reconnectWatch } from '@/lib/stream/reconnect-watch';
import type { StreamStatus, Transport } from '@/lib/stream/status';
import { wakeOnVisible } from '@/lib/stream/wake';
import { createLogStream, type LogStream, type StreamFilter } from '../api/log-stream';
import { LogBuffer, type BufferSnapshot } from '../lib/log-buffer';
import { sameFilters } from '../lib/view-state';
import { logKeys, type LogItem, type LogItemInput, type SourceStatus } from '../types';

export interface LiveLogs {
  snapshot: BufferSnapshot<LogItem>;
  status: StreamStatus;
  transport: Transport;
  /** The source's file status as the stream last reported it (null: no report since it opened). */
  sourceStatus: { status: SourceStatus; message: string | null } | null;
  /** Why the server refused the last filter change (null once one is accepted). */
  filterError: string | null;
  pause: () => void;
  resume: () => void;
}

let nextKey = 0;
const keyed = (item: LogItemInput): LogItem => ({ ...item, key: `live-${++nextKey}` }) as LogItem;

/**
 * The live tail of a source's current file while `enabled`: lines and markers batched into a capped view
 * (see LogBuffer), over WebSocket or SSE (see createLogStream). Filter changes go to the open stream; a
 * new source is a new stream.
 */
export function useLiveLogs(
  enabled: boolean,
  source: string,
  filter: StreamFilter,
  /** Another instance's id: its log, relayed; null: this instance's. */
  instance: string | null = null,
  /** The watched instance stopped: the caller goes back to this instance. */
  onInstanceGone?: () => void,
): LiveLogs {
  const client = useQueryClient();
  const [buffer] = useState(() => new LogBuffer<LogItem>());
  const snapshot = useSyncExternalStore(buffer.subscribe, buffer.getSnapshot);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [transport, setTransport] = useState<Transport>('ws');
  const [sourceStatus, setSourceStatus] = useState<LiveLogs['sourceStatus']>(null);
  const [filterError, setFilterError] = useState<string | null>(null);
  const streamRef = useRef<LogStream | null>(null);
  const filterRef = useRef(filter);
  const goneRef = useRef(onInstanceGone);
  useEffect(() => {
    filterRef.current = filter;
    goneRef.current = onInstanceGone;
  });
  // A stream (re)started by `enabled` starts out connecting over WebSocket.
  const [was, setWas] = useState({ enabled, source, instance });
  if (enabled !== was.enabled || source !== was.source || instance !== was.instance) {
    setWas({ enabled, source, instance });
    setStatus('connecting');
    setTransport('ws');
    setSourceStatus(null);
    setFilterError(null);
  }

  useEffect(() => {
    if (!enabled) {
      return;
    }
    buffer.clear();
    // The stream resumes its lines by cursor; the file list (sizes, a rotation meanwhile) is refetched.
    const watch = reconnectWatch(() => client.invalidateQueries({ queryKey: logKeys.files(source) }));
    const stream = createLogStream({
      source,
      instance: instance ?? undefined,
      filter: filterRef.current,
      onStatus: (s, t) => {
        watch(s);
        setStatus(s);
        setTransport(t);
      },
      onEvent: (event) => {
        switch (event.type) {
          case 'log':
            buffer.push(keyed({ kind: 'log', cursor: event.cursor, entry: event.entry, raw: event.raw }));
            break;
          case 'skipped':
            buffer.push(keyed({ kind: 'skipped', count: event.count }));
            break;
          case 'rotated':
            buffer.push(keyed({ kind: 'rotated', file: event.file, reason: event.reason }));
            client.invalidateQueries({ queryKey: logKeys.files(source) });
            break;
          case 'source':
            setSourceStatus({ status: event.status, message: event.message });
            client.invalidateQueries({ queryKey: logKeys.sources });
            break;
          case 'reset':
            buffer.clear();
            buffer.push(keyed({ kind: 'reset' }));
            break;
          case 'clear':
            buffer.clear();
            break;
          case 'instance':
            if (event.status === 'gone') {
              notifications.show({
                color: 'yellow',
                title: 'Log stream',
                message: "The instance stopped; showing this instance's log.",
              });
              goneRef.current?.();
            }
            break;
          case 'error':
            if (event.filter) {
              // Shown next to the filter inputs.
              setFilterError(event.message);
            } else {
              notifications.show({ color: 'red', title: 'Log stream', message: event.message });
            }
            break;
        }
      },
    });
    streamRef.current = stream;
    stream.start();
    const unwake = wakeOnVisible(stream);
    return () => {
      unwake();
      stream.stop();
      streamRef.current = null;
    };
  }, [enabled, source, instance, buffer, client]);

  const { level, search, regex, exclude, from, to } = filter;
  useEffect(() => {
    const stream = streamRef.current;
    if (!stream) {
      return;
    }
    const next = { level, search, regex, exclude, from, to };
    if (!sameFilters(stream.filter(), next)) {
      setFilterError(null);
      stream.setFilter(next);
    }
  }, [level, search, regex, exclude, from, to]);

  const pause = useCallback(() => buffer.pause(), [buffer]);
  const resume = useCallback(() => buffer.resume(), [buffer]);
  return { snapshot, status, transport, sourceStatus, filterError, pause, resume };
}
