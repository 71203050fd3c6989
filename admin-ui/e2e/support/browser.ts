// Headless Chromium (the machine's, not a downloaded build) and the UI steps every test needs.
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const VIEWPORT = { width: 1280, height: 800 };

export function launchBrowser(): Promise<Browser> {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: asRoot ? ['--no-sandbox'] : [],
  });
}

/**
 * One browser per test file, closed after it. Returns a getter (the browser exists only once
 * beforeAll has run).
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) {
      throw new Error('browser not launched yet');
    }
    return browser;
  };
}

/** A fresh context (own cookies and storage) at 1280×800; actions wait at most 10 s for their element. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: VIEWPORT, ...options });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/** The text of what the locator matches now ('' when nothing matches): for polling, never waits. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.allTextContents()).join(' ').trim();
}

/** Signs in through the login form and waits for the dashboard. */
export async function loginThroughUi(
  page: Page,
  email = inject('adminEmail'),
  password = inject('adminPassword'),
): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/admin/dashboard');
}

/** A signed-in page in a fresh context, already on `path` (e.g. '/admin/logs'). */
export async function signedInPage(browser: Browser, path = '/admin/dashboard', options: BrowserContextOptions = {}) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await loginThroughUi(page);
  if (!page.url().endsWith(path)) {
    await page.goto(path);
  }
  return { context, page };
}

/** The unread count the bell's badge shows ('' when it shows none). */
export function badgeText(page: Page): Promise<string> {
  return textOf(page.getByTestId('unread-badge'));
}
