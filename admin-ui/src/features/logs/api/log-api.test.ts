import { afterEach, describe, expect, it, vi } from 'vitest';
import { getLogContext } from './get-log-context';
import { getLogHistory } from './get-log-history';
import { getLogRate } from './get-log-rate';
import { getLogSources, OWN_LOG_ONLY } from './get-log-sources';
import { seekLog } from './seek-log';
import { validateLogFilters } from './validate-log-filters';

/** fetch answering `status` with `body` as JSON, recording the URLs asked for. */
function answer(status: number, body: unknown) {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return urls;
}

const params = (url: string) => Object.fromEntries(new URL(url, 'http://test').searchParams);

describe('logs API', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the sources', async () => {
    const sources = [
      { name: 'vigil', status: 'live', file: 'vigil.log' },
      { name: 'nginx', status: 'waiting', message: 'access.log does not exist yet' },
    ];
    answer(200, { sources });
    expect(await getLogSources()).toEqual(sources);
  });

  it('falls back on the own log alone where the server has no sources (404)', async () => {
    answer(404, { error: 'not found' });
    expect(await getLogSources()).toEqual(OWN_LOG_ONLY);
    expect(OWN_LOG_ONLY).toEqual([{ name: 'vigil', status: 'live' }]);
  });

  it('passes other source list failures on', async () => {
    answer(403, { error: 'forbidden' });
    await expect(getLogSources()).rejects.toMatchObject({ status: 403 });
  });

  it('asks for the rate of the source, and has none where it is not served', async () => {
    const rate = { source: 'nginx', bucket_seconds: 60, from: 'a', to: 'b', buckets: [], partial: false };
    const urls = answer(200, rate);
    expect(await getLogRate('nginx')).toEqual(rate);
    expect(urls[0]).toBe('/api/admin/logs/rate?source=nginx');
    answer(404, {});
    expect(await getLogRate('nginx')).toBeNull();
  });

  it('reads history of a source with every filter and its position', async () => {
    const urls = answer(200, { entries: [], cursors: [], file: 'access.log', next: null });
    await getLogHistory({ source: 'nginx', file: 'access.log', regex: 'GET /x', from: 'f', before: '42' });
    expect(params(urls[0])).toEqual({
      source: 'nginx',
      file: 'access.log',
      regex: 'GET /x',
      from: 'f',
      before: '42',
      limit: '200',
    });
  });

  it('asks for the context around a cursor', async () => {
    const urls = answer(200, { source: 'nginx', file: 'access.log', entries: [], cursors: [], target: 0 });
    await getLogContext('nginx', '5-100', 20, 20);
    expect(urls[0].startsWith('/api/admin/logs/context?')).toBe(true);
    expect(params(urls[0])).toEqual({ source: 'nginx', cursor: '5-100', before: '20', after: '20' });
  });

  it('seeks a time in a source', async () => {
    const urls = answer(200, { file: 'access.log.1', before: '777' });
    expect(await seekLog('nginx', '2026-11-22T10:00:00.000Z')).toEqual({ file: 'access.log.1', before: '777' });
    expect(params(urls[0])).toEqual({ source: 'nginx', at: '2026-11-22T10:00:00.000Z' });
  });

  it('validates filters with a history read that reads nothing, returning the refused fields', async () => {
    const urls = answer(422, { error: 'invalid', fields: { regex: 'Unclosed group near index 1' } });
    expect(await validateLogFilters('nginx', { regex: '(' })).toEqual({ regex: 'Unclosed group near index 1' });
    expect(params(urls[0])).toEqual({ source: 'nginx', regex: '(', limit: '1', before: '0' });
    answer(200, { entries: [], file: 'access.log', next: null });
    expect(await validateLogFilters('nginx', { regex: 'ok' })).toEqual({});
    // Not about the filters: nothing to show next to them.
    answer(404, { error: 'log file not found' });
    expect(await validateLogFilters('nginx', { regex: 'ok' })).toEqual({});
  });
});
