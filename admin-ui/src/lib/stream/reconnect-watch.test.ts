import { describe, expect, it, vi } from 'vitest';
import { reconnectWatch } from './reconnect-watch';
import type { StreamStatus } from './status';

const feed = (watch: (s: StreamStatus) => void, statuses: StreamStatus[]) => statuses.forEach(watch);

describe('reconnectWatch', () => {
  it('does not count a first connect that went straight through', () => {
    const onReconnect = vi.fn();
    feed(reconnectWatch(onReconnect), ['connecting', 'connecting', 'live', 'live']);
    expect(onReconnect).not.toHaveBeenCalled();
  });

  it('counts a first connect after failed attempts: the page loaded while the server was away', () => {
    const onReconnect = vi.fn();
    feed(reconnectWatch(onReconnect), ['connecting', 'offline', 'connecting', 'live']);
    expect(onReconnect).toHaveBeenCalledTimes(1);
  });

  it('calls back once per outage, when the stream is live again', () => {
    const onReconnect = vi.fn();
    const watch = reconnectWatch(onReconnect);
    feed(watch, ['connecting', 'live', 'offline', 'connecting', 'offline']);
    expect(onReconnect).not.toHaveBeenCalled();
    feed(watch, ['live', 'live']);
    expect(onReconnect).toHaveBeenCalledTimes(1);
    // a deliberate reopen (new filters) counts too: the page's data is refetched once more
    feed(watch, ['connecting', 'live']);
    expect(onReconnect).toHaveBeenCalledTimes(2);
  });
});
