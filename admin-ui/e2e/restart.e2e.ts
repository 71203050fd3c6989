import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { ApiClient } from './support/api';
import { exportedAudit } from './support/audit';
import { badgeText, loginThroughUi, newContext, textOf, useBrowser } from './support/browser';
import { appendLog } from './support/logs';
import { canRestart, startServer, stopServer } from './support/server';
import { unique, waitUntil } from './support/wait';

// The bell's connection indicator (in a follower tab: the leader tab's state).
const LIVE = '[data-testid="stream-state"][data-state="live"]';

/** How long every open page gets, from the moment the restarted server is healthy, to show its state (E2E_CONVERGE_MS to look longer). */
const CONVERGE_MS = Number(process.env.E2E_CONVERGE_MS) || 15_000;

const SHOTS = resolve(process.env.SCREENSHOTS_DIR || 'e2e-screenshots');

const nginxUrl = inject('nginxUrl');

/** GETs a page of the nginx site (its access log, the `nginx` source, gets one line). */
async function nginxRequest(path: string): Promise<number> {
  const response = await fetch(`${nginxUrl}${path}`);
  await response.text();
  return response.status;
}

async function waitLogsLive(page: Page) {
  await waitUntil(
    async () => (await textOf(page.getByTestId('log-stream-status'))).toLowerCase(),
    (s) => s === 'live',
    { timeout: 15_000, message: 'the log stream to be live' },
  );
}

/** Deletes every notification of the API client's admin: the pages start from a known list. */
async function deleteAll(api: ApiClient) {
  for (;;) {
    const page = await api.request<{ notifications: { id: number }[] }>('GET', '/api/admin/notifications?limit=100');
    if (page.notifications.length === 0) return;
    await api.request('POST', '/api/admin/notifications/bulk-delete', { ids: page.notifications.map((n) => n.id) });
  }
}

/**
 * Polls every check until each has held once or the time is up; returns when each first held (ms after
 * `since`, null if it never did), so that a failure names every page that stayed stale.
 */
async function convergence(checks: Record<string, () => Promise<boolean>>, since: number, timeout: number) {
  const seen: Record<string, number | null> = Object.fromEntries(Object.keys(checks).map((k) => [k, null]));
  while (Date.now() - since < timeout && Object.values(seen).some((v) => v === null)) {
    for (const [name, check] of Object.entries(checks)) {
      if (seen[name] === null && (await check().catch(() => false))) {
        seen[name] = Date.now() - since;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return seen;
}

describe.skipIf(!canRestart())('restart under open pages', () => {
  const browser = useBrowser();

  it(
    'the Notifications page, both bells and the log viewer converge after a restart',
    { timeout: 180_000 },
    async () => {
      const api = await ApiClient.login();
      await deleteAll(api);
      // Exists before the pages open (listed by their first fetch, never seen live), deleted while they are away.
      const gone = unique('e2e-restart-gone');
      const goneId = (await api.notify(gone)).id;

      const context = await newContext(browser());
      try {
        const logs = await context.newPage();
        await loginThroughUi(logs);
        await logs.goto('/admin/logs');
        await waitLogsLive(logs);
        const notes = await context.newPage();
        await notes.goto('/admin/notifications');
        for (const page of [logs, notes]) {
          await page.locator(LIVE).waitFor({ timeout: 15_000 });
        }
        // The sign-in from the browser may have been notified too: read all, so the figures are ours alone.
        await api.markAllRead();
        for (const page of [logs, notes]) {
          await waitUntil(
            () => badgeText(page),
            (t) => t === '',
            { timeout: 5_000, message: 'the badge to clear' },
          );
        }
        await notes.getByTestId('notification-list-row').filter({ hasText: gone }).waitFor({ timeout: 5_000 });

        const stopMs = await stopServer();
        const whileDown = [unique('e2e-restart-down-a'), unique('e2e-restart-down-b'), unique('e2e-restart-down-c')];
        appendLog(...whileDown.map((msg) => ({ level: 'warn' as const, msg })));
        const startMs = await startServer();
        const healthy = Date.now();

        const titles = [unique('e2e-restart-1'), unique('e2e-restart-2'), unique('e2e-restart-3')];
        const ids: number[] = [];
        for (const title of titles) {
          ids.push((await api.notify(title)).id);
        }
        // A read and a delete the pages were not connected for.
        await api.request('POST', `/api/admin/notifications/${ids[0]}/read`);
        await api.request('DELETE', `/api/admin/notifications/${goneId}`);
        const unread = await api.unreadCount();
        expect(unread).toBe(2);

        const rows = notes.getByTestId('notification-list-row');
        const seen = await convergence(
          {
            'notifications list': async () => {
              const text = (await rows.allTextContents()).join('\n');
              return titles.every((t) => text.includes(t)) && !text.includes(gone);
            },
            'notifications page unread': async () =>
              (await textOf(notes.getByText(/^\d+ unread$/))) === `${unread} unread`,
            'bell (notifications tab)': async () => (await badgeText(notes)) === String(unread),
            'bell (logs tab)': async () => (await badgeText(logs)) === String(unread),
            'log viewer': async () => {
              for (const msg of whileDown) {
                if ((await logs.getByTestId('log-row').filter({ hasText: msg }).count()) === 0) return false;
              }
              return true;
            },
          },
          healthy,
          CONVERGE_MS,
        );

        mkdirSync(SHOTS, { recursive: true });
        await notes.screenshot({ path: join(SHOTS, 'restart-notifications.png'), fullPage: true });
        await logs.screenshot({ path: join(SHOTS, 'restart-logs.png'), fullPage: true });
        console.log(
          `[restart] stop ${stopMs} ms, start ${startMs} ms; converged (ms after healthy): ${JSON.stringify(seen)}`,
        );
        const stale = Object.entries(seen)
          .filter(([, at]) => at === null)
          .map(([name]) => name);
        expect(stale, `still stale ${CONVERGE_MS} ms after the restart`).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('an alert rule made before a restart still exists and fires after it', { timeout: 180_000 }, async () => {
    const api = await ApiClient.login();
    const name = unique('e2e-restart-alert');
    const marker = unique('e2e-restart-alert-line');
    const created = await api.request<{ rule: { id: number } }>('POST', '/api/admin/alerts', {
      name,
      source: 'vigil',
      levels: ['error'],
      pattern: marker,
      threshold: 1,
      window_seconds: 60,
      recipient_admin_ids: [api.adminId],
    });
    const ruleId = created.rule.id;
    type Rule = { name: string; state: string; fire_count: number };
    const rule = () => api.request<{ rule: Rule }>('GET', `/api/admin/alerts/${ruleId}`).then((b) => b.rule);
    try {
      await stopServer();
      await startServer();

      // The rule is still there, untouched, and it fires on an error line written after the restart.
      const kept = await rule();
      expect(kept.name).toBe(name);
      expect(kept.fire_count).toBe(0);
      appendLog({ level: 'error', msg: `${marker} after the restart` });
      await waitUntil(rule, (r) => r.state === 'firing' && r.fire_count === 1, {
        timeout: 20_000,
        message: 'the rule made before the restart to fire',
      });
      await waitUntil(
        () => api.request<{ notifications: { title: string }[] }>('GET', '/api/admin/notifications?limit=100'),
        (body) => body.notifications.some((n) => n.title.startsWith(`Alert: ${name} `)),
        { timeout: 10_000, message: "the rule's notification" },
      );
    } finally {
      await api.request('DELETE', `/api/admin/alerts/${ruleId}`).catch(() => undefined);
    }
  });

  // Needs Debian's nginx (global-setup starts it when installed; .ci/run installs it).
  it.skipIf(!nginxUrl)('the nginx source is tailed again after a restart', { timeout: 180_000 }, async () => {
    const context = await newContext(browser());
    try {
      // A viewer on the nginx source, open across the restart.
      const page = await context.newPage();
      await loginThroughUi(page);
      await page.goto('/admin/logs?source=nginx');
      await waitLogsLive(page);
      const before = `/e2e-restart-before-${Date.now()}`;
      expect(await nginxRequest(before)).toBe(200);
      await page.getByTestId('log-row').filter({ hasText: before }).first().waitFor({ timeout: 10_000 });

      await stopServer();
      await startServer();

      // A new request reaches a fresh viewer and the one left open.
      const after = `/e2e-restart-after-${Date.now()}`;
      const fresh = await context.newPage();
      await fresh.goto('/admin/logs?source=nginx');
      await waitLogsLive(fresh);
      expect(await nginxRequest(after)).toBe(200);
      for (const viewer of [fresh, page]) {
        await viewer.getByTestId('log-row').filter({ hasText: after }).first().waitFor({ timeout: 15_000 });
      }
    } finally {
      await context.close();
    }
  });

  it('the exported audit file goes on across a restart, every row once', { timeout: 120_000 }, async () => {
    const api = await ApiClient.login();
    const admin = async (label: string) => {
      const email = `${unique(label)}@example.com`;
      await api.request('POST', '/api/admin/admins', { email, password: 'password-123', role: 'viewer' });
      return email;
    };
    const exportedWith = (email: string) =>
      waitUntil(exportedAudit, (rows) => rows.some((r) => r.action === 'admin.create' && r.details.includes(email)), {
        timeout: 15_000,
        message: `the audit row of ${email} in the exported file`,
      });

    await exportedWith(await admin('e2e-audit-before'));
    await stopServer();
    await startServer();
    const rows = await exportedWith(await admin('e2e-audit-after'));

    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});
