// The viewer's whole state lives in the page's address, so a reload, a bookmark or a shared link shows
// the same view: ?source=&level=&search=&regex=&exclude=&from=&to=&file=&before=&cursor=. Pure helpers
// here: parse and write that state, and build the URLs and messages derived from it.

import { DEFAULT_SOURCE, LOG_LEVELS, type FilterParams, type LogFilters } from '../types';
import { filterParams } from './format';

const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

export interface ViewState extends Required<LogFilters> {
  source: string;
  /** A file read as history (rotated, or the live one at a position); null for the live tail. */
  file: string | null;
  /** The history position to read backwards from (after a jump to a time); null for the file's end. */
  before: string | null;
  /** The entry whose context is open (a permalink). */
  cursor: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  source: DEFAULT_SOURCE,
  levels: [...LOG_LEVELS],
  search: '',
  regex: '',
  exclude: '',
  from: '',
  to: '',
  file: null,
  before: null,
  cursor: null,
};

const text = (params: URLSearchParams, name: string) => params.get(name) ?? '';
const optional = (params: URLSearchParams, name: string) => params.get(name) || null;

/** An ISO instant as given, or '' when the value is not a date (a hand-edited address). */
/** An instant the server accepts (ISO-8601 with a zone), whatever form the address gave it in. */
function instant(value: string): string {
  const time = value === '' ? Number.NaN : Date.parse(value);
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}

/**
 * The state an address describes; anything missing or unreadable takes its default. `level` names the
 * checked levels (a comma list; trace/fatal count as debug/error); none known means every level.
 */
export function parseViewState(params: URLSearchParams): ViewState {
  const source = text(params, 'source').trim().toLowerCase();
  const named = text(params, 'level')
    .split(',')
    .map((level) => level.trim().toLowerCase())
    .map((level) => (level === 'trace' ? 'debug' : level === 'fatal' ? 'error' : level));
  const levels = LOG_LEVELS.filter((level) => named.includes(level));
  return {
    source: SOURCE_NAME.test(source) ? source : DEFAULT_SOURCE,
    levels: levels.length > 0 ? levels : [...LOG_LEVELS],
    search: text(params, 'search'),
    regex: text(params, 'regex'),
    exclude: text(params, 'exclude'),
    from: instant(text(params, 'from')),
    to: instant(text(params, 'to')),
    file: optional(params, 'file'),
    before: optional(params, 'before'),
    cursor: optional(params, 'cursor'),
  };
}

/** The address of a state: defaults left out, in a fixed order (stable links). */
export function writeViewState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.source !== DEFAULT_SOURCE) params.set('source', state.source);
  const levels = LOG_LEVELS.filter((level) => state.levels.includes(level));
  if (levels.length > 0 && levels.length < LOG_LEVELS.length) params.set('level', levels.join(','));
  if (state.search) params.set('search', state.search);
  if (state.regex) params.set('regex', state.regex);
  if (state.exclude) params.set('exclude', state.exclude);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.file) params.set('file', state.file);
  if (state.file && state.before) params.set('before', state.before);
  if (state.cursor) params.set('cursor', state.cursor);
  return params;
}

/** The server-side filters of a state. */
export const viewFilters = (state: ViewState): FilterParams => filterParams(state);

/**
 * The WebSocket message that replaces the stream's filter mid-stream: every field, empty when unset
 * (the server replaces the whole filter).
 */
export function filterMessage(filters: FilterParams): string {
  return JSON.stringify({
    level: filters.level ?? '',
    search: filters.search ?? '',
    regex: filters.regex ?? '',
    exclude: filters.exclude ?? '',
    from: filters.from ?? '',
    to: filters.to ?? '',
  });
}

export const sameFilters = (a: FilterParams, b: FilterParams) => filterMessage(a) === filterMessage(b);

function query(values: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value) params.set(name, value);
  }
  return params.toString();
}

/** GET /api/admin/logs/export: the filtered entries of the source (of `file`, else the live file) as text. */
export function exportUrl(source: string, filters: FilterParams, file: string | null): string {
  return `/api/admin/logs/export?${query({ source, ...filters, file })}`;
}

/** GET /api/admin/logs/files/{name}: the whole file as it is on disk. */
export const fileDownloadUrl = (source: string, name: string) =>
  `/api/admin/logs/files/${encodeURIComponent(name)}?${query({ source })}`;

/**
 * A link that opens the viewer at one entry (its context): `<origin><base>logs?source=…&cursor=…`.
 * `base` is the app's base path with its trailing slash (import.meta.env.BASE_URL, '/admin/').
 */
export function permalink(origin: string, base: string, source: string, cursor: string): string {
  const path = `${base.endsWith('/') ? base : `${base}/`}logs`;
  return `${origin}${path}?${query({ source, cursor })}`;
}

/**
 * The alerts page's create form, prefilled from the viewer's filter (a path inside the app, for the
 * router): /alerts/new?source=&level=&search=&regex=&exclude=.
 */
export function createAlertPath(source: string, filters: FilterParams): string {
  const { level, search, regex, exclude } = filters;
  return `/alerts/new?${query({ source, level, search, regex, exclude })}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a `datetime-local` input's value (local wall time, to the second); '' for none. */
export function toLocalInput(iso: string): string {
  const time = Date.parse(iso);
  if (!iso || Number.isNaN(time)) {
    return '';
  }
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A `datetime-local` value (local wall time) as an ISO instant; '' when empty or not a time. */
export function fromLocalInput(value: string): string {
  if (!value) {
    return '';
  }
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
}
