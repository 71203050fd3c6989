import { describe, expect, it, vi } from 'vitest';
import { reconnectWatch } from './reconnect-watch';

describe('reconnectWatch', () => {
  it('does not count a first connect that went straight through', () => {
    const onReconnect = vi.fn();
    const watch = reconnectWatch<string>('live', onReconnect);
    for (const state of ['connecting', 'connecting', 'live', 'live'] as const) watch(state);
    expect(onReconnect).not.toHaveBeenCalled();
  });

  it('counts a first connect after failed attempts: the page loaded while the server was away', () => {
    const onReconnect = vi.fn();
    const watch = reconnectWatch<string>('live', onReconnect);
    for (const state of ['connecting', 'polling', 'connecting', 'live'] as const) watch(state);
    expect(onReconnect).toHaveBeenCalledTimes(1);
  });

  it('calls back once per outage, when the connection is up again', () => {
    const onReconnect = vi.fn();
    const watch = reconnectWatch<string>('connected', onReconnect);
    watch('connecting');
    watch('connected');
    watch('disconnected');
    watch('connecting');
    watch('disconnected');
    expect(onReconnect).not.toHaveBeenCalled();
    watch('connected');
    watch('connected');
    expect(onReconnect).toHaveBeenCalledTimes(1);
    watch('connecting');
    watch('connected');
    expect(onReconnect).toHaveBeenCalledTimes(2);
  });
});
