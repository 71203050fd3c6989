import { describe, expect, it } from 'vitest';
import type { StreamStatus } from './status';
import {
  createTabLeaderFeed,
  type ChannelLike,
  type ConnectionLike,
  type FeedSink,
  type LockManagerLike,
  type TabRole,
} from './tab-leader';

/** Lets a few rounds of channel deliveries (each a macrotask, like BroadcastChannel) happen. */
const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** BroadcastChannel stand-in: asynchronous delivery to every other open channel, never to the sender. */
class Bus {
  private channels: { tab: string; channel: ChannelLike; closed: boolean }[] = [];
  posted: unknown[] = [];

  open(tab: string): ChannelLike {
    const entry = { tab, closed: false, channel: null as unknown as ChannelLike };
    entry.channel = {
      onmessage: null,
      postMessage: (message: unknown) => {
        if (entry.closed) throw new Error('closed');
        this.posted.push(message);
        for (const other of this.channels) {
          if (other !== entry && !other.closed) {
            const data = structuredClone(message);
            setTimeout(() => !other.closed && other.channel.onmessage?.({ data }), 0);
          }
        }
      },
      close() {
        entry.closed = true;
      },
    };
    this.channels.push(entry);
    return entry.channel;
  }

  /** The tab disappears: its channels go silent. */
  kill(tab: string) {
    this.channels.filter((c) => c.tab === tab).forEach((c) => (c.closed = true));
  }
}

/** Web Locks stand-in: one exclusive lock per name, FIFO waiters, abortable while waiting. */
class Locks {
  private held = new Map<string, { tab: string; release: () => void }>();
  private waiting: { tab: string; name: string; grant: () => void; abort: () => void }[] = [];

  forTab(tab: string): LockManagerLike {
    return {
      request: (name, options, callback) =>
        new Promise((resolve, reject) => {
          const waiter = {
            tab,
            name,
            grant: () => {
              let released = false;
              const release = () => {
                if (released) return;
                released = true;
                this.held.delete(name);
                this.pump(name);
              };
              this.held.set(name, { tab, release });
              Promise.resolve(callback({ name })).then(
                (v) => {
                  release();
                  resolve(v);
                },
                (e) => {
                  release();
                  reject(e);
                },
              );
            },
            abort: () => reject(new Error('AbortError')),
          };
          options.signal?.addEventListener('abort', () => {
            const i = this.waiting.indexOf(waiter);
            if (i >= 0) {
              this.waiting.splice(i, 1);
              waiter.abort();
            }
          });
          this.waiting.push(waiter);
          this.pump(name);
        }),
    };
  }

  private pump(name: string) {
    if (this.held.has(name)) return;
    const i = this.waiting.findIndex((w) => w.name === name);
    if (i >= 0) {
      const [w] = this.waiting.splice(i, 1);
      w.grant();
    }
  }

  holder(name: string) {
    return this.held.get(name)?.tab ?? null;
  }

  /** The browser releases a closed tab's locks (its callback never settles, so release directly). */
  kill(tab: string) {
    this.waiting = this.waiting.filter((w) => w.tab !== tab);
    for (const [, h] of this.held) if (h.tab === tab) h.release();
  }
}

class FakeConnection implements ConnectionLike {
  started = false;
  stopped = false;
  reconnects = 0;
  constructor(readonly sink: FeedSink) {}
  start() {
    this.started = true;
    this.sink.state('connecting');
  }
  stop() {
    this.stopped = true;
    // a late report of a stopped connection: nobody may hear it
    this.sink.state('offline');
  }
  reconnectNow() {
    this.reconnects += 1;
  }
}

function world() {
  const bus = new Bus();
  const locks = new Locks();
  const tabs: { connections: FakeConnection[] }[] = [];
  function tab(name: string, opts: { noLocks?: boolean; noChannel?: boolean } = {}) {
    const messages: string[] = [];
    const states: StreamStatus[] = [];
    const roles: TabRole[] = [];
    const connections: FakeConnection[] = [];
    let unread = 0;
    const feed = createTabLeaderFeed({
      lockName: 'vigil-notifications-leader',
      locks: opts.noLocks ? null : locks.forTab(name),
      openChannel: opts.noChannel ? null : () => bus.open(name),
      connect: (sink) => {
        const c = new FakeConnection(sink);
        connections.push(c);
        return c;
      },
      onMessage: (m) => {
        messages.push(m);
        const parsed = JSON.parse(m);
        if (typeof parsed.unread_count === 'number') unread = parsed.unread_count;
      },
      onStateChange: (s) => states.push(s),
      onRoleChange: (r) => roles.push(r),
      snapshot: () => JSON.stringify({ type: 'unread_count', unread_count: unread }),
    });
    const t = {
      name,
      feed,
      messages,
      states,
      roles,
      connections,
      get connection() {
        return connections[connections.length - 1];
      },
      get unread() {
        return unread;
      },
      kill() {
        bus.kill(name);
        locks.kill(name);
      },
    };
    tabs.push(t);
    return t;
  }
  const open = () => tabs.flatMap((t) => t.connections).filter((c) => c.started && !c.stopped);
  return { bus, locks, tab, open };
}

describe('createTabLeaderFeed', () => {
  it('elects exactly one leader, which alone connects', async () => {
    const w = world();
    const a = w.tab('a');
    const b = w.tab('b');
    const c = w.tab('c');
    a.feed.start();
    b.feed.start();
    c.feed.start();
    await flush();
    expect([a.feed.role(), b.feed.role(), c.feed.role()]).toEqual(['leader', 'follower', 'follower']);
    expect(w.open()).toHaveLength(1);
    expect(a.connections).toHaveLength(1);
    expect(b.connections).toHaveLength(0);
    expect(w.locks.holder('vigil-notifications-leader')).toBe('a');
    // each follower got exactly one answer to its hello (the answers are addressed)
    expect(b.messages).toHaveLength(1);
    expect(c.messages).toHaveLength(1);
  });

  it('relays every message and state change to the followers', async () => {
    const w = world();
    const a = w.tab('a');
    const b = w.tab('b');
    a.feed.start();
    b.feed.start();
    await flush();
    // b's hello was answered with the leader's snapshot, addressed to b alone
    expect(b.messages).toEqual(['{"type":"unread_count","unread_count":0}']);
    b.messages.length = 0;
    a.connection.sink.state('live');
    a.connection.sink.message('{"type":"unread_count","unread_count":3}');
    a.connection.sink.message('{"type":"notification","id":7,"unread_count":4}');
    await flush();
    expect(a.messages).toHaveLength(2);
    expect(b.messages).toEqual(a.messages);
    expect(b.feed.state()).toBe('live');
    expect(b.unread).toBe(4);
    a.connection.sink.state('offline');
    await flush();
    expect(b.feed.state()).toBe('offline');
  });

  it('answers a late follower with the current state and snapshot', async () => {
    const w = world();
    const a = w.tab('a');
    a.feed.start();
    await flush();
    a.connection.sink.state('live');
    a.connection.sink.message('{"type":"unread_count","unread_count":12}');
    const b = w.tab('b');
    b.feed.start();
    expect(b.feed.state()).toBe('connecting');
    await flush();
    expect(b.feed.state()).toBe('live');
    expect(b.unread).toBe(12);
    expect(b.connections).toHaveLength(0);
  });

  it('hands over to a follower when the leader tab closes, and the new leader connects', async () => {
    const w = world();
    const a = w.tab('a');
    const b = w.tab('b');
    const c = w.tab('c');
    [a, b, c].forEach((t) => t.feed.start());
    await flush();
    a.connection.sink.state('live');
    await flush();
    c.messages.length = 0;
    a.kill(); // closed tab: no clean-up code runs, the browser releases the lock
    await flush();
    expect(b.feed.role()).toBe('leader');
    expect(c.feed.role()).toBe('follower');
    expect(b.connections).toHaveLength(1);
    expect(c.connections).toHaveLength(0);
    b.connection.sink.state('live');
    b.connection.sink.message('{"type":"read","all":true,"unread_count":0}');
    await flush();
    expect(c.feed.state()).toBe('live');
    expect(c.messages).toEqual(['{"type":"read","all":true,"unread_count":0}']);
  });

  it('hands over on a clean stop too, telling the followers it stepped down', async () => {
    const w = world();
    const a = w.tab('a');
    const b = w.tab('b');
    const c = w.tab('c');
    [a, b, c].forEach((t) => t.feed.start());
    await flush();
    a.connection.sink.state('live');
    await flush();
    c.messages.length = 0;
    a.feed.stop();
    expect(a.connection.stopped).toBe(true);
    expect(a.feed.role()).toBe('stopped');
    await flush();
    expect(b.feed.role()).toBe('leader');
    expect(b.connections).toHaveLength(1);
    // c heard "bye" and waits for the new leader's state
    expect(c.states).toContain('connecting');
    expect(w.open()).toHaveLength(1);
    // the stopped tab no longer relays or receives anything
    b.connection.sink.message('{"type":"unread_count","unread_count":1}');
    await flush();
    expect(a.messages).toHaveLength(0);
    expect(c.messages).toHaveLength(1);
  });

  it('a follower that stops leaves the election and never connects', async () => {
    const w = world();
    const a = w.tab('a');
    const b = w.tab('b');
    a.feed.start();
    b.feed.start();
    await flush();
    b.feed.stop();
    a.kill();
    await flush();
    expect(b.connections).toHaveLength(0);
    expect(w.locks.holder('vigil-notifications-leader')).toBeNull();
  });

  it("forwards a follower's reconnect request to the leader", async () => {
    const w = world();
    const a = w.tab('a');
    const b = w.tab('b');
    a.feed.start();
    b.feed.start();
    await flush();
    b.feed.reconnectNow();
    await flush();
    expect(a.connection.reconnects).toBe(1);
    a.feed.reconnectNow();
    expect(a.connection.reconnects).toBe(2);
  });

  it('falls back to one connection per tab without Web Locks', async () => {
    const w = world();
    const a = w.tab('a', { noLocks: true });
    const b = w.tab('b', { noLocks: true });
    a.feed.start();
    b.feed.start();
    await flush();
    expect([a.feed.role(), b.feed.role()]).toEqual(['solo', 'solo']);
    expect(w.open()).toHaveLength(2);
    a.connection.sink.state('live');
    a.connection.sink.message('{"type":"unread_count","unread_count":2}');
    await flush();
    expect(a.feed.state()).toBe('live');
    expect(a.messages).toHaveLength(1);
    expect(b.messages).toHaveLength(0); // nothing is relayed in solo mode
    expect(w.bus.posted).toHaveLength(0);
  });

  it('falls back to one connection per tab without BroadcastChannel', async () => {
    const w = world();
    const a = w.tab('a', { noChannel: true });
    const b = w.tab('b', { noChannel: true });
    a.feed.start();
    b.feed.start();
    await flush();
    expect([a.feed.role(), b.feed.role()]).toEqual(['solo', 'solo']);
    expect(w.open()).toHaveLength(2);
    expect(w.locks.holder('vigil-notifications-leader')).toBeNull();
  });

  it('goes solo when the lock request fails for another reason than stop()', async () => {
    const w = world();
    const broken: LockManagerLike = { request: () => Promise.reject(new Error('SecurityError')) };
    const messages: string[] = [];
    let connected = 0;
    const feed = createTabLeaderFeed({
      lockName: 'x',
      locks: broken,
      openChannel: () => w.bus.open('z'),
      connect: (sink) => ({
        start: () => {
          connected += 1;
          sink.state('live');
        },
        stop() {},
        reconnectNow() {},
      }),
      onMessage: (m) => messages.push(m),
      onStateChange: () => undefined,
    });
    feed.start();
    await flush();
    expect(feed.role()).toBe('solo');
    expect(feed.state()).toBe('live');
    expect(connected).toBe(1);
  });

  it('restarts cleanly after stop (e.g. a remount)', async () => {
    const w = world();
    const a = w.tab('a');
    a.feed.start();
    a.feed.stop();
    a.feed.start();
    await flush();
    expect(a.feed.role()).toBe('leader');
    expect(w.open()).toHaveLength(1);
  });
});
