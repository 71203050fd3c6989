import type { AuditSink } from '../types';

export type SinkState = { label: string; color: string };

/** How a sink is doing, in a word: up to date, catching up, or not delivering. */
export function sinkState(sink: AuditSink): SinkState {
  if (!sink.connected && sink.behind > 0) return { label: 'Not delivering', color: 'red' };
  if (sink.behind > 0) return { label: `${sink.behind} behind`, color: 'yellow' };
  return { label: 'Up to date', color: 'green' };
}

export const sinkTitle = (sink: AuditSink) =>
  sink.name === 'syslog' ? 'Syslog' : sink.name === 'file' ? 'JSON lines file' : sink.name;

/** A file is open or not; a receiver is connected or not. */
export const connection = (sink: AuditSink) =>
  sink.name === 'file'
    ? sink.connected
      ? 'file open'
      : 'file not open'
    : sink.connected
      ? 'connected'
      : 'not connected';
