import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ApiClient } from './support/api';
import { signedInPage, textOf, useBrowser } from './support/browser';
import { unique, waitUntil } from './support/wait';

interface Entry {
  id: number;
  action: string;
  details: string;
}

/** The rows of the exported JSON lines file (VIGIL_AUDIT_FILE, set by global-setup). */
function exported(): Entry[] {
  const text = readFileSync(join(inject('dataDir'), 'audit.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Entry);
}

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

      const { entries } = await api.request<{ entries: Entry[] }>('GET', '/api/admin/audit?limit=100');
      const rows = await waitUntil(
        () => exported(),
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
