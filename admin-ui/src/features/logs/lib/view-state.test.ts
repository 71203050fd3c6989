import { describe, expect, it } from 'vitest';
import {
  createAlertPath,
  DEFAULT_VIEW,
  exportUrl,
  fileDownloadUrl,
  filterMessage,
  fromLocalInput,
  parseViewState,
  permalink,
  sameFilters,
  toLocalInput,
  viewFilters,
  writeViewState,
} from './view-state';

const parse = (qs: string) => parseViewState(new URLSearchParams(qs));

describe('parseViewState', () => {
  it('gives the defaults for an empty address: own log, live, every level, no filter', () => {
    expect(parse('')).toEqual(DEFAULT_VIEW);
    expect(DEFAULT_VIEW.source).toBe('vigil');
  });

  it('reads every part of the state', () => {
    expect(
      parse(
        'source=nginx&level=warn,error&search=timeout&regex=GET%20%2Fmissing-%5Cd%2B&exclude=health' +
          '&from=2026-11-22T10:00:00.000Z&to=2026-11-22T11:00:00.000Z&file=access.log.1&before=1234&cursor=7-99',
      ),
    ).toEqual({
      source: 'nginx',
      levels: ['warn', 'error'],
      search: 'timeout',
      regex: 'GET /missing-\\d+',
      exclude: 'health',
      from: '2026-11-22T10:00:00.000Z',
      to: '2026-11-22T11:00:00.000Z',
      file: 'access.log.1',
      before: '1234',
      cursor: '7-99',
    });
  });

  it('falls back on defaults for what a hand-edited address gets wrong', () => {
    const state = parse('source=../etc/passwd&level=loud,&from=yesterday&to=');
    expect(state.source).toBe('vigil');
    expect(state.levels).toEqual(DEFAULT_VIEW.levels);
    expect(state.from).toBe('');
    expect(state.to).toBe('');
  });

  it('turns any time the browser reads into an instant the server accepts', () => {
    expect(parse('from=2026-11-22T10:00:00%2B01:00').from).toBe('2026-11-22T09:00:00.000Z');
    expect(parse('to=2026-11-22').to).toBe('2026-11-22T00:00:00.000Z');
  });

  it('counts trace as debug and fatal as error, in the filter order', () => {
    expect(parse('level=fatal,TRACE').levels).toEqual(['debug', 'error']);
  });
});

describe('writeViewState', () => {
  it('writes nothing for the defaults', () => {
    expect(writeViewState(DEFAULT_VIEW).toString()).toBe('');
  });

  it('round-trips a full state in a stable order', () => {
    const qs =
      'source=nginx&level=warn%2Cerror&search=a+b&regex=x%2B&exclude=y&from=2026-11-22T10%3A00%3A00.000Z' +
      '&to=2026-11-22T11%3A00%3A00.000Z&file=access.log.1&before=10&cursor=1-2';
    const state = parse(qs);
    expect(writeViewState(state).toString()).toBe(qs);
    expect(parse(writeViewState(state).toString())).toEqual(state);
  });

  it('keeps what is being typed as typed (a trailing space mid-word), and drops a position without a file', () => {
    const params = writeViewState({ ...DEFAULT_VIEW, search: 'time ', before: '10' });
    expect(params.get('search')).toBe('time ');
    expect(params.has('before')).toBe(false);
  });

  it('writes no level for all four levels or none', () => {
    expect(writeViewState({ ...DEFAULT_VIEW, levels: [] }).has('level')).toBe(false);
  });
});

describe('filters', () => {
  it('sends only the filters set, with debug/error covering trace/fatal', () => {
    expect(viewFilters(DEFAULT_VIEW)).toEqual({});
    expect(
      viewFilters({ ...DEFAULT_VIEW, levels: ['debug', 'error'], search: ' db ', regex: ' x', exclude: 'y', to: 't' }),
    ).toEqual({ level: 'trace,debug,error,fatal', search: 'db', regex: ' x', exclude: 'y', to: 't' });
  });

  it('builds the WebSocket filter message with every field, empty when unset', () => {
    expect(JSON.parse(filterMessage({ level: 'error', regex: 'a.b' }))).toEqual({
      level: 'error',
      search: '',
      regex: 'a.b',
      exclude: '',
      from: '',
      to: '',
    });
    expect(sameFilters({ search: 'a', regex: undefined }, { search: 'a' })).toBe(true);
    expect(sameFilters({ search: 'a' }, { search: 'a', exclude: 'b' })).toBe(false);
  });
});

describe('derived URLs', () => {
  it('exports the filtered result of the source, of a file when one is read', () => {
    expect(exportUrl('nginx', { level: 'warn', regex: 'GET /x\\d' }, null)).toBe(
      '/api/admin/logs/export?source=nginx&level=warn&regex=GET+%2Fx%5Cd',
    );
    expect(exportUrl('vigil', {}, 'vigil-2026-11-22.0.log')).toBe(
      '/api/admin/logs/export?source=vigil&file=vigil-2026-11-22.0.log',
    );
  });

  it('downloads a file of the source', () => {
    expect(fileDownloadUrl('nginx', 'access.log.1')).toBe('/api/admin/logs/files/access.log.1?source=nginx');
  });

  it('links to an entry under the app base', () => {
    expect(permalink('https://ops.example.com', '/admin/', 'nginx', '12-3456')).toBe(
      'https://ops.example.com/admin/logs?source=nginx&cursor=12-3456',
    );
    expect(permalink('http://localhost:8080', '/admin', 'vigil', 'a b')).toBe(
      'http://localhost:8080/admin/logs?source=vigil&cursor=a+b',
    );
    // The link opens the context of that entry.
    const opened = parse(new URL(permalink('http://h', '/admin/', 'nginx', '1-2')).search);
    expect(opened).toMatchObject({ source: 'nginx', cursor: '1-2', file: null });
  });

  it('prefills the alert form from the filter (time range and file are not part of a rule)', () => {
    expect(
      createAlertPath('nginx', { level: 'warn,error,fatal', search: 's', regex: 'r+', exclude: 'e', from: 'f' }),
    ).toBe('/alerts/new?source=nginx&level=warn%2Cerror%2Cfatal&search=s&regex=r%2B&exclude=e');
    expect(createAlertPath('vigil', {})).toBe('/alerts/new?source=vigil');
  });
});

describe('datetime-local values', () => {
  it('round-trips an instant through local wall time', () => {
    const iso = '2026-11-22T10:15:30.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput('')).toBe('');
    expect(fromLocalInput('')).toBe('');
    expect(fromLocalInput('nonsense')).toBe('');
  });
});
