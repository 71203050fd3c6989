import { describe, it } from 'vitest';
import { ApiClient } from './support/api';
import { signedInPage, useBrowser } from './support/browser';
import { unique } from './support/wait';

const LOGGER = 'org.springframework.web.servlet.DispatcherServlet';

describe('log levels', () => {
  const browser = useBrowser();

  it('a level set in the UI shows its lines in the live log at once, and a reset ends them', async () => {
    const api = await ApiClient.login();
    const { context, page } = await signedInPage(browser(), '/admin/log-levels');
    try {
      await page.getByTestId('logger-row').first().waitFor({ timeout: 10_000 });
      await page.getByRole('textbox', { name: 'Logger', exact: true }).fill(LOGGER);
      await page.keyboard.press('Escape'); // the name suggestions close
      await page.getByRole('button', { name: 'Set level' }).click();
      const row = page.getByTestId('logger-row').filter({ hasText: LOGGER });
      await row.getByText(/changed/).waitFor({ timeout: 5_000 });

      // DispatcherServlet logs every request at DEBUG: the request carrying the marker shows up live.
      await page.goto('/admin/logs');
      await page.getByPlaceholder('Text in any field').fill('dispatcherservlet');
      const marker = unique('level-probe');
      await api.raw('GET', `/api/admin/${marker}`);
      await page.getByTestId('log-row').filter({ hasText: marker }).first().waitFor({ timeout: 5_000 });

      await page.goto('/admin/log-levels');
      await row.getByRole('button', { name: `Reset ${LOGGER}` }).click();
      await row.getByText(/changed/).waitFor({ state: 'detached', timeout: 5_000 });
    } finally {
      await api.raw('DELETE', `/api/admin/log-levels/${LOGGER}`);
      await context.close();
    }
  });
});
