// A small API client for test setup, with its own session: fetch with a cookie jar, and the CSRF
// double-submit the SPA does (echo the XSRF-TOKEN cookie in X-XSRF-TOKEN on unsafe methods).
import { inject } from 'vitest';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export class ApiClient {
  private readonly cookies = new Map<string, string>();

  adminId = 0;

  constructor(readonly baseUrl: string = inject('baseUrl')) {}

  /** Logs in as the e2e admin (or another account) and remembers its id. */
  static async login(email = inject('adminEmail'), password = inject('adminPassword')): Promise<ApiClient> {
    const client = new ApiClient();
    const body = await client.request<{ admin: { id: number } }>('POST', '/api/admin/auth/login', { email, password });
    client.adminId = body.admin.id;
    if (!client.cookies.has('XSRF-TOKEN')) {
      // The CSRF cookie is issued lazily: any authenticated request brings it.
      await client.request('GET', '/api/admin/profile');
    }
    return client;
  }

  /** Sends a request; a non-2xx answer throws with the server's error text. */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.raw(method, path, body);
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    }
    return (text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T;
  }

  /** The response as is (for tests that look at error answers). */
  async raw(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (this.cookies.size > 0) {
      headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (!SAFE.has(method) && xsrf) {
      headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf);
    }
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a)) || value === '';
      if (expired) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    return response;
  }

  /** POST /api/admin/notifications/send to one admin (this client's by default). */
  notify(title: string, options: { message?: string; type?: string; adminId?: number } = {}) {
    return this.request<{ ok: boolean; id: number }>('POST', '/api/admin/notifications/send', {
      admin_id: options.adminId ?? this.adminId,
      type: options.type ?? 'info',
      title,
      message: options.message ?? '',
    });
  }

  markAllRead() {
    return this.request('POST', '/api/admin/notifications/read-all');
  }

  async unreadCount(): Promise<number> {
    return (await this.request<{ unread: number }>('GET', '/api/admin/notifications/unread-count')).unread;
  }
}
