// Stopping and starting the server global-setup.ts runs (same data dir, same port), through its control
// endpoint. Only available when global-setup started the server itself (not with E2E_BASE_URL).
import { inject } from 'vitest';

export const canRestart = (): boolean => inject('controlUrl') !== '';

async function control(action: 'stop' | 'start'): Promise<number> {
  const response = await fetch(`${inject('controlUrl')}/${action}`, { method: 'POST' });
  if (!response.ok) {
    throw new Error(`server ${action} → ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { ms: number }).ms;
}

/** SIGTERM to the server; resolves once it has exited, with how long that took (ms). */
export const stopServer = (): Promise<number> => control('stop');

/** Starts the server again; resolves once GET /api/health answers 200, with how long that took (ms). */
export const startServer = (): Promise<number> => control('start');
