// Framework-free tab-leader election: of all tabs of one browser profile, one (the leader) holds a Web Lock
// for its lifetime and runs the real connection; it relays every message and state change over a
// BroadcastChannel to the other tabs (followers), which open no connection of their own. When the leader
// goes away (tab closed, crashed, or stopped) the browser hands the lock to a waiting tab, which becomes the
// new leader and connects. Without Web Locks or BroadcastChannel every tab connects on its own ("solo").
// The lock and the channel are injected, so the election is unit-tested with fakes (tab-leader.test.ts).

import type { StreamStatus } from './status';

/** The part of the Web Locks API (`navigator.locks`) used here. */
// `any` so that the DOM LockManager and BroadcastChannel (typed with Lock / MessageEvent) are assignable.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: any) => Promise<unknown>): Promise<unknown>;
}

/** The part of BroadcastChannel used here. Delivers to every other channel of the same name, never to itself. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((ev: any) => void) | null;
  close(): void;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** What the connection (run by the leader, or by every tab in solo mode) reports to the feed. */
export interface FeedSink {
  message(data: string): void;
  state(state: StreamStatus): void;
}

export interface ConnectionLike {
  start(): void;
  stop(): void;
  reconnectNow(): void;
}

export type TabRole = 'leader' | 'follower' | 'solo' | 'stopped';

/** Messages on the channel. `v` lets a future version ignore an old tab's messages. */
export type TabMessage =
  | { v: 1; kind: 'hello'; from: string } // follower → leader: send me the current state
  | { v: 1; kind: 'welcome'; to: string; state: StreamStatus; snapshot: string | null } // leader → that follower
  | { v: 1; kind: 'state'; state: StreamStatus } // leader → followers
  | { v: 1; kind: 'event'; data: string } // leader → followers: one stream message, as received
  | { v: 1; kind: 'reconnect' } // follower → leader: my tab became visible / came online, try now
  | { v: 1; kind: 'bye' }; // leader → followers: stepping down (a new leader follows)

export interface TabLeaderOptions {
  /** Web Lock name; every tab of the same feed uses the same name. */
  lockName: string;
  /** `navigator.locks`, or null/undefined where unavailable (then every tab connects: solo). */
  locks?: LockManagerLike | null;
  /** Opens the BroadcastChannel, or null/undefined where unavailable (solo). */
  openChannel?: (() => ChannelLike) | null;
  /** Creates the real connection; called when this tab becomes leader (or solo). */
  connect: (sink: FeedSink) => ConnectionLike;
  /** Every message, in every tab (the leader's own, relayed ones in followers). */
  onMessage: (data: string) => void;
  /** The connection state, in every tab (followers show the leader's). */
  onStateChange: (state: StreamStatus) => void;
  onRoleChange?: (role: TabRole) => void;
  /** Leader: a message that brings a newly started follower up to date (e.g. the current unread count). */
  snapshot?: () => string | null;
}

export interface TabLeaderFeed {
  start(): void;
  stop(): void;
  /** Reconnect now if the connection is down; a follower asks the leader to. */
  reconnectNow(): void;
  role(): TabRole;
  state(): StreamStatus;
}

function isTabMessage(value: unknown): value is TabMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { v?: unknown }).v === 1 &&
    typeof (value as { kind?: unknown }).kind === 'string'
  );
}

export function createTabLeaderFeed(options: TabLeaderOptions): TabLeaderFeed {
  /** This tab's name on the channel (only to address the answer to its hello). */
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  let role: TabRole = 'stopped';
  let state: StreamStatus = 'connecting';
  let channel: ChannelLike | null = null;
  let connection: ConnectionLike | null = null;
  let abort: AbortController | null = null;
  let releaseLock: (() => void) | null = null;
  /** Bumped by every start/stop, so callbacks of an earlier run do nothing. */
  let generation = 0;

  const setRole = (next: TabRole) => {
    if (next !== role) {
      role = next;
      options.onRoleChange?.(next);
    }
  };

  const setState = (next: StreamStatus) => {
    if (next !== state) {
      state = next;
      options.onStateChange(next);
    }
  };

  const post = (message: TabMessage) => {
    try {
      channel?.postMessage(message);
    } catch {
      // a closed channel (tab going away): nothing to tell
    }
  };

  /** Runs the connection in this tab; as leader it also relays everything. */
  const runConnection = (relay: boolean) => {
    const run = generation;
    const sink: FeedSink = {
      message(data) {
        if (run !== generation) return;
        if (relay) post({ v: 1, kind: 'event', data });
        options.onMessage(data);
      },
      state(next) {
        if (run !== generation) return;
        if (relay) post({ v: 1, kind: 'state', state: next });
        setState(next);
      },
    };
    connection = options.connect(sink);
    connection.start();
  };

  const onChannelMessage = (ev: { data: unknown }) => {
    const message = ev?.data;
    if (!isTabMessage(message)) {
      return;
    }
    if (role === 'leader') {
      if (message.kind === 'hello') {
        post({ v: 1, kind: 'welcome', to: message.from, state, snapshot: options.snapshot?.() ?? null });
      } else if (message.kind === 'reconnect') {
        connection?.reconnectNow();
      }
      return;
    }
    if (role !== 'follower') {
      return;
    }
    switch (message.kind) {
      case 'event':
        options.onMessage(message.data);
        break;
      case 'state':
        setState(message.state);
        break;
      case 'welcome':
        if (message.to === id) {
          setState(message.state);
          if (message.snapshot) options.onMessage(message.snapshot);
        }
        break;
      case 'bye':
        // The next leader connects shortly and reports its own state.
        setState('connecting');
        break;
      default:
        break; // another follower's hello / reconnect
    }
  };

  const becomeSolo = () => {
    if (channel) {
      channel.onmessage = null;
      try {
        channel.close();
      } catch {
        // already closed
      }
      channel = null;
    }
    setRole('solo');
    runConnection(false);
  };

  const becomeLeader = (run: number): Promise<void> => {
    if (run !== generation) {
      return Promise.resolve(); // stopped while waiting: give the lock straight back
    }
    return new Promise<void>((resolve) => {
      releaseLock = resolve;
      setRole('leader');
      runConnection(true);
    });
  };

  return {
    start() {
      if (role !== 'stopped') {
        return;
      }
      generation += 1;
      const run = generation;
      setState('connecting');
      let opened: ChannelLike | null = null;
      if (options.locks && options.openChannel) {
        try {
          opened = options.openChannel();
        } catch {
          opened = null;
        }
      }
      if (!options.locks || !opened) {
        becomeSolo();
        return;
      }
      channel = opened;
      channel.onmessage = onChannelMessage;
      setRole('follower');
      abort = typeof AbortController !== 'undefined' ? new AbortController() : null;
      let request: Promise<unknown>;
      try {
        request = options.locks.request(options.lockName, abort ? { signal: abort.signal } : {}, () =>
          becomeLeader(run),
        );
      } catch {
        becomeSolo();
        return;
      }
      request.catch(() => {
        // Aborted by stop(): expected. Any other failure (e.g. locks refused in this context): go solo.
        if (run === generation && role === 'follower') {
          becomeSolo();
        }
      });
      // Whoever leads tells us its state (and e.g. the unread count); with no leader yet, the tab that
      // gets the lock reports its state as it connects.
      post({ v: 1, kind: 'hello', from: id });
    },
    stop() {
      if (role === 'stopped') {
        return;
      }
      const wasLeader = role === 'leader';
      generation += 1;
      abort?.abort();
      abort = null;
      if (connection) {
        connection.stop();
        connection = null;
      }
      if (wasLeader) {
        post({ v: 1, kind: 'bye' });
      }
      if (releaseLock) {
        releaseLock();
        releaseLock = null;
      }
      if (channel) {
        channel.onmessage = null;
        try {
          channel.close();
        } catch {
          // already closed
        }
        channel = null;
      }
      setRole('stopped');
    },
    reconnectNow() {
      if (role === 'leader' || role === 'solo') {
        connection?.reconnectNow();
      } else if (role === 'follower') {
        post({ v: 1, kind: 'reconnect' });
      }
    },
    role: () => role,
    state: () => state,
  };
}

/** `navigator.locks` where the browser has Web Locks (secure contexts, incl. http://localhost). */
export function browserLocks(): LockManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/** A BroadcastChannel factory, or null where the browser has none. */
export function browserChannel(name: string): (() => ChannelLike) | null {
  return typeof BroadcastChannel !== 'undefined' ? () => new BroadcastChannel(name) : null;
}
