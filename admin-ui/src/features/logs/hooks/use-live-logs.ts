import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { reconnectWatch } from '@/lib/stream/reconnect-watch';
import type { StreamStatus, Transport } from '@/lib/stream/status';
import { wakeOnVisible } from '@/lib/stream/wake';
import { createLogStream, type LogStream, type StreamFilter } from '../api/log-stream';
import { LogBuffer, type BufferSnapshot } from '../lib/log-buffer';
import { logKeys, type LogItem, type LogItemInput } from '../types';

export interface LiveLogs {
  snapshot: BufferSnapshot<LogItem>;
  status: StreamStatus;
  transport: Transport;
  pause: () => void;
  resume: () => void;
}

let nextKey = 0;
const keyed = (item: LogItemInput): LogItem => ({ ...item, key: `live-${++nextKey}` }) as LogItem;

/**
 * The live tail of the current log file while `enabled`: lines and markers batched into a capped view
 * (see LogBuffer), over WebSocket or SSE (see createLogStream). Filter changes go to the open stream.
 */
export function useLiveLogs(enabled: boolean, filter: StreamFilter): LiveLogs {
  const client = useQueryClient();
  const [buffer] = useState(() => new LogBuffer<LogItem>());
  const snapshot = useSyncExternalStore(buffer.subscribe, buffer.getSnapshot);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [transport, setTransport] = useState<Transport>('ws');
  const streamRef = useRef<LogStream | null>(null);
  const filterRef = useRef(filter);
  useEffect(() => {
    filterRef.current = filter;
  });
  // A stream (re)started by `enabled` starts out connecting over WebSocket.
  const [wasEnabled, setWasEnabled] = useState(enabled);
  if (enabled !== wasEnabled) {
    setWasEnabled(enabled);
    setStatus('connecting');
    setTransport('ws');
  }

  useEffect(() => {
    if (!enabled) {
      return;
    }
    buffer.clear();
    // The stream resumes its lines by cursor; the file list (sizes, a rotation meanwhile) is refetched.
    const watch = reconnectWatch(() => client.invalidateQueries({ queryKey: logKeys.files }));
    const stream = createLogStream({
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
            client.invalidateQueries({ queryKey: logKeys.files });
            break;
          case 'reset':
            buffer.clear();
            buffer.push(keyed({ kind: 'reset' }));
            break;
          case 'clear':
            buffer.clear();
            break;
          case 'error':
            notifications.show({ color: 'red', title: 'Log stream', message: event.message });
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
  }, [enabled, buffer, client]);

  const { level, search } = filter;
  useEffect(() => {
    const stream = streamRef.current;
    if (!stream) {
      return;
    }
    const current = stream.filter();
    if ((current.level ?? '') !== (level ?? '') || (current.search ?? '') !== (search ?? '')) {
      stream.setFilter({ level, search });
    }
  }, [level, search]);

  const pause = useCallback(() => buffer.pause(), [buffer]);
  const resume = useCallback(() => buffer.resume(), [buffer]);
  return { snapshot, status, transport, pause, resume };
}
