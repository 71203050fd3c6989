// Framework-free view model of the live log: incoming items are buffered and applied in batches
// (at most one flush per interval, so a flood costs at most 4 renders a second), the view keeps at
// most `cap` items (oldest dropped), and while paused new items are held back and counted.

import { globalTimers } from '@/lib/stream/backoff';

export interface BufferTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BufferSnapshot<T> {
  /** What the view shows, oldest first. */
  readonly items: readonly T[];
  readonly paused: boolean;
  /** Items received while paused (may exceed what is held: only the newest `cap` are kept). */
  readonly newCount: number;
}

export interface LogBufferOptions {
  /** Most items in the view (and held while paused). */
  cap?: number;
  /** Least time between two flushes (ms). */
  intervalMs?: number;
  timers?: BufferTimers;
  now?: () => number;
}

export class LogBuffer<T> {
  readonly cap: number;
  readonly intervalMs: number;
  private readonly timers: BufferTimers;
  private readonly now: () => number;
  private incoming: T[] = [];
  /** Pushed since the last flush, including what the queue trimmed. */
  private arrivedCount = 0;
  private view: T[] = [];
  private held: T[] = [];
  private paused = false;
  private newCount = 0;
  private timer: unknown = null;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private snapshot: BufferSnapshot<T>;
  private readonly listeners = new Set<() => void>();

  constructor(options: LogBufferOptions = {}) {
    this.cap = options.cap ?? 500;
    this.intervalMs = options.intervalMs ?? 250;
    this.timers = options.timers ?? globalTimers;
    this.now = options.now ?? (() => Date.now());
    this.snapshot = { items: [], paused: false, newCount: 0 };
  }

  /** Queues one item; it shows at the next flush. */
  push(item: T): void {
    this.incoming.push(item);
    this.arrivedCount += 1;
    // Under a flood only the newest `cap` can ever be shown: do not let the queue grow past that.
    if (this.incoming.length > this.cap * 2) {
      this.incoming.splice(0, this.incoming.length - this.cap);
    }
    this.schedule();
  }

  /** Empties the view, the queue and what is held (a filter change, a reset). */
  clear(): void {
    this.incoming = [];
    this.arrivedCount = 0;
    this.view = [];
    this.held = [];
    this.newCount = 0;
    this.schedule();
  }

  pause(): void {
    if (!this.paused) {
      this.paused = true;
      this.schedule();
    }
  }

  /** Shows what was held back, at the next flush. */
  resume(): void {
    if (this.paused) {
      this.paused = false;
      this.schedule();
    }
  }

  isPaused(): boolean {
    return this.paused;
  }

  getSnapshot = (): BufferSnapshot<T> => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispose(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    this.listeners.clear();
  }

  /** One flush at most per interval: at once if the last one is long enough ago, else when it is. */
  private schedule(): void {
    if (this.timer !== null) {
      return;
    }
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  private flush(): void {
    this.lastFlush = this.now();
    const arrived = this.incoming;
    const arrivedCount = this.arrivedCount;
    this.incoming = [];
    this.arrivedCount = 0;
    if (this.paused) {
      this.newCount += arrivedCount;
      this.held = capped(this.held.concat(arrived), this.cap);
    } else {
      this.view = capped(this.view.concat(this.held, arrived), this.cap);
      this.held = [];
      this.newCount = 0;
    }
    this.snapshot = { items: this.view, paused: this.paused, newCount: this.newCount };
    for (const listener of this.listeners) {
      listener();
    }
  }
}

function capped<T>(items: T[], cap: number): T[] {
  return items.length > cap ? items.slice(items.length - cap) : items;
}
