import { describe, expect, it } from 'vitest';
import { ApiClient } from './support/api';
import { exportedAudit, type ExportedRow } from './support/audit';
import { signedInPage, textOf, useBrowser } from './support/browser';
import { unique, waitUntil } from './support/wait';

describe('Audit export', () => {
  const browser = useBrowser();

  it('the Audit page shows the file sink up to date, and the file holds every row once', async () => {
    const api = await ApiClient.login();
    const email = `${unique('exported')}@example.com`;
    await api.request('POST', '/api/admin/admins', { email, password: 'password-123', role: 'viewer' });
    const { page, context } = await signedInPage(browser(), '/admin/audit');
    try {
      const card = page.getByTestId('audit-sink-file');
      await card.getByText('JSON lines file').waitFor();
      await card.getByText('Up to date').waitFor({ timeout: 10_000 });
      expect(await textOf(card)).toContain('audit.jsonl');

      const { entries } = await api.request<{ entries: ExportedRow[] }>('GET', '/api/admin/audit?limit=100');
      const rows = await waitUntil(
        () => exportedAudit(),
        (lines) => entries.every((e) => lines.some((l) => l.id === e.id)),
        { message: 'every audit row in the file' },
      );
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(rows.some((r) => r.action === 'admin.create' && r.details.includes(email))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
