// The one HTTP client: same-origin fetch with cookies, the CSRF header on unsafe methods,
// ProblemDetail bodies turned into ApiError, and 401 handled by one session refresh then a redirect.

export class ApiError extends Error {
  readonly status: number;
  /** Field → message, from 422 validation problems. */
  readonly fields: Record<string, string>;

  constructor(status: number, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.fields = fields;
  }
}

/** The caller's role lacks the scope (403): there is nothing to show or change, not a failure to report. */
export const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const AUTH_PATH = '/api/admin/auth';

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      return decodeURIComponent(rest.join('='));
    }
  }
  return null;
}

/** Where the app goes when the session is gone; replaced by the app shell with a router navigation. */
let unauthorizedHandler: () => void = () => {
  const base = import.meta.env.BASE_URL;
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith(`${base}login`)) {
    window.location.assign(`${base}login?next=${encodeURIComponent(here)}`);
  }
};

export function setUnauthorizedHandler(handler: () => void) {
  unauthorizedHandler = handler;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Do not try a refresh or redirect on 401 (login, the status call itself). */
  noAuthRetry?: boolean;
}

function url(path: string, query?: Query): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toError(response: Response): Promise<ApiError> {
  let message = response.statusText || `HTTP ${response.status}`;
  let fields: Record<string, string> = {};
  try {
    const body = await response.json();
    if (body && typeof body === 'object') {
      message = body.error ?? body.detail ?? body.title ?? message;
      if (body.fields && typeof body.fields === 'object') {
        fields = body.fields;
      }
    }
  } catch {
    // not JSON (e.g. a proxy error page): keep the status text
  }
  return new ApiError(response.status, message, fields);
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json' };
  // FormData (a file upload) sets its own multipart Content-Type with the boundary.
  const form = options.body instanceof FormData;
  if (options.body !== undefined && !form) {
    headers['Content-Type'] = 'application/json';
  }
  if (!SAFE_METHODS.has(method)) {
    const token = readCookie('XSRF-TOKEN');
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
  }
  return fetch(url(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    body: form ? (options.body as FormData) : options.body !== undefined ? JSON.stringify(options.body) : undefined,
    signal: options.signal,
  });
}

let refreshing: Promise<unknown> | null = null;

/**
 * GET /api/admin/auth: status plus refresh, which rotates the refresh token. The server treats the
 * same refresh token presented twice as theft and revokes the session, so refreshes are serialized
 * within the tab (one promise) and across tabs (a Web Lock): each then carries the newest cookie.
 */
export function refreshSession<T = unknown>(): Promise<T> {
  if (!refreshing) {
    const run = async () => {
      const response = await send(AUTH_PATH, {});
      if (!response.ok) {
        throw await toError(response);
      }
      return response.json();
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    refreshing = (locks ? locks.request('vigil-auth-refresh', run) : run()).finally(() => {
      refreshing = null;
    });
  }
  return refreshing as Promise<T>;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  if (response.status === 401 && !options.noAuthRetry) {
    // The 5-minute access cookie may just have expired: refresh once, then retry.
    try {
      await refreshSession();
      response = await send(path, options);
    } catch {
      // the refresh failed: fall through to the redirect
    }
    if (response.status === 401) {
      unauthorizedHandler();
    }
  }
  if (!response.ok) {
    throw await toError(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? response.json() : response.text()) as Promise<T>;
}

/** ws(s)://<this origin><path>: the browser sends the cookies; the server checks the Origin. */
export function websocketUrl(path: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${path}`;
}
