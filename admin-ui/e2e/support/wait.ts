// Waiting on conditions (playwright-core has no `expect` with retries): poll until the condition
// holds or the time is up, then fail with the last value seen.

export async function waitUntil<T>(
  read: () => Promise<T> | T,
  accept: (value: T) => boolean,
  options: { timeout?: number; interval?: number; message?: string } = {},
): Promise<T> {
  const { timeout = 10_000, interval = 100, message = 'condition' } = options;
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (accept(last)) {
        return last;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const seen = lastError ? `error: ${String(lastError)}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`Timed out after ${timeout} ms waiting for ${message} (${seen})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** A value unique to this run, for messages and titles the tests look for. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
