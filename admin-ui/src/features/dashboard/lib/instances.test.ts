import { describe, expect, it } from 'vitest';
import type { DashboardInstance } from '../types';
import { instanceRows } from './instances';
import { snapshot } from './test-snapshot';

function instance(name: string, overrides: Partial<DashboardInstance> = {}): DashboardInstance {
  return {
    id: `id-${name}`,
    name,
    self: false,
    started_at: 0,
    streams: 3,
    connections: { dashboard: { sse: 3 } },
    http: { requests: 10, '2xx': 10, '3xx': 0, '4xx': 0, '5xx': 0, mean_ms: 12.5 },
    requests_per_second: 2.5,
    heap_used: 64 * 1024 * 1024,
    heap_max: 512 * 1024 * 1024,
    threads: 40,
    uptime_seconds: 3_725,
    log_lines_per_second: 0,
    ...overrides,
  };
}

describe('instanceRows', () => {
  it('is empty for a single instance, for none, and for a history point', () => {
    expect(instanceRows(snapshot(0, { instances: [instance('a', { self: true })] }))).toEqual([]);
    expect(instanceRows(snapshot(0, { instances: [] }))).toEqual([]);
    expect(instanceRows(snapshot(0))).toEqual([]);
    expect(instanceRows(null)).toEqual([]);
  });

  it('lists every instance in order with its own figures and marks this one', () => {
    const rows = instanceRows(
      snapshot(0, {
        instances: [
          instance('a', { self: true }),
          instance('b', { streams: 1_250, heap_max: -1, http: { ...instance('b').http, requests: 0 } }),
        ],
      }),
    );
    expect(rows.map((r) => [r.name, r.self])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(rows[0]).toMatchObject({
      streams: '3',
      requestsPerSecond: '2.5/s',
      meanLatency: '12.5 ms',
      memory: '64 MB of 512 MB',
      threads: '40',
      uptime: '1h 2m',
      logLines: '0/s',
    });
    expect(rows[1]).toMatchObject({ streams: '1,250', memory: '64 MB', meanLatency: '—' });
  });
});
