import { describe, expect, it } from 'vitest';
import type { AuditSink } from '../types';
import { connection, sinkState, sinkTitle } from './sinks';

const sink = (over: Partial<AuditSink>): AuditSink => ({
  name: 'syslog',
  target: 'tcp://127.0.0.1:514',
  position: 10,
  behind: 0,
  connected: true,
  last_error: null,
  last_error_at: null,
  last_delivered_at: null,
  ...over,
});

describe('sinkState', () => {
  it('is up to date when nothing waits, connected or not', () => {
    expect(sinkState(sink({})).label).toBe('Up to date');
    expect(sinkState(sink({ connected: false })).color).toBe('green');
  });

  it('counts what waits while connected', () => {
    expect(sinkState(sink({ behind: 3 }))).toEqual({ label: '3 behind', color: 'yellow' });
  });

  it('is not delivering when entries wait and there is no connection', () => {
    expect(sinkState(sink({ behind: 3, connected: false }))).toEqual({ label: 'Not delivering', color: 'red' });
  });
});

describe('sinkTitle', () => {
  it('names the known sinks', () => {
    expect(sinkTitle(sink({}))).toBe('Syslog');
    expect(sinkTitle(sink({ name: 'file' }))).toBe('JSON lines file');
  });
});

describe('connection', () => {
  it('says open for a file and connected for a receiver', () => {
    expect(connection(sink({ name: 'file' }))).toBe('file open');
    expect(connection(sink({ connected: false }))).toBe('not connected');
  });
});
