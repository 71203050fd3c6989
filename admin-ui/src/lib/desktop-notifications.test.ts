import { describe, expect, it, vi } from 'vitest';
import {
  createDesktopNotifier,
  DESKTOP_PREF_KEY,
  isDesktopEnabled,
  setDesktopEnabled,
  shouldShowDesktop,
  type NotificationApiLike,
  type StorageLike,
} from './desktop-notifications';
import type { TabRole } from './stream/tab-leader';

function memoryStorage(initial: Record<string, string> = {}): StorageLike {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

function fakeApi(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const created: { title: string; options?: NotificationOptions }[] = [];
  const api = class {
    static permission: NotificationPermission = permission;
    static requestPermission = vi.fn(async () => {
      api.permission = answer;
      return answer;
    });
    onclick: ((this: unknown, ev: Event) => unknown) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      created.push({ title, options });
    }
  };
  return { api: api as unknown as NotificationApiLike & { requestPermission: ReturnType<typeof vi.fn> }, created };
}

const base = { enabled: true, permission: 'granted', hidden: true, role: 'leader', alreadyShown: false } as const;

describe('shouldShowDesktop', () => {
  it('shows in the hidden leader tab with permission', () => {
    expect(shouldShowDesktop(base)).toBe(true);
    expect(shouldShowDesktop({ ...base, role: 'solo' })).toBe(true);
  });

  it('does not show when off, without permission, visible, in a follower, or twice', () => {
    expect(shouldShowDesktop({ ...base, enabled: false })).toBe(false);
    expect(shouldShowDesktop({ ...base, permission: 'default' })).toBe(false);
    expect(shouldShowDesktop({ ...base, permission: 'denied' })).toBe(false);
    expect(shouldShowDesktop({ ...base, permission: 'unsupported' })).toBe(false);
    expect(shouldShowDesktop({ ...base, hidden: false })).toBe(false);
    expect(shouldShowDesktop({ ...base, role: 'follower' })).toBe(false);
    expect(shouldShowDesktop({ ...base, role: 'stopped' })).toBe(false);
    expect(shouldShowDesktop({ ...base, alreadyShown: true })).toBe(false);
  });
});

describe('setDesktopEnabled', () => {
  it('asks permission when undecided and stores the choice when granted', async () => {
    const storage = memoryStorage();
    const { api } = fakeApi('default', 'granted');
    await expect(setDesktopEnabled(true, api, storage)).resolves.toEqual({ enabled: true, permission: 'granted' });
    expect(api.requestPermission).toHaveBeenCalledOnce();
    expect(isDesktopEnabled(storage)).toBe(true);

    await expect(setDesktopEnabled(false, api, storage)).resolves.toEqual({ enabled: false, permission: 'granted' });
    expect(isDesktopEnabled(storage)).toBe(false);
  });

  it('stays off when permission is refused or the browser has no Notification API', async () => {
    const storage = memoryStorage();
    const { api } = fakeApi('default', 'denied');
    await expect(setDesktopEnabled(true, api, storage)).resolves.toEqual({ enabled: false, permission: 'denied' });
    expect(isDesktopEnabled(storage)).toBe(false);

    const { api: blocked } = fakeApi('denied');
    await setDesktopEnabled(true, blocked, storage);
    expect(blocked.requestPermission).not.toHaveBeenCalled();

    await expect(setDesktopEnabled(true, null, storage)).resolves.toEqual({
      enabled: false,
      permission: 'unsupported',
    });
  });
});

describe('createDesktopNotifier', () => {
  const event = { id: 7, type: 'error', title: 'Disk full', message: '/data at 100%' };

  function notifier(role: TabRole, hidden = true) {
    const { api, created } = fakeApi('granted');
    const storage = memoryStorage({ [DESKTOP_PREF_KEY]: 'on' });
    const state = { role, hidden };
    const n = createDesktopNotifier({ api, storage, isHidden: () => state.hidden, role: () => state.role });
    return { n, created, state, storage };
  }

  it('shows one notification tagged with the id, once per event', () => {
    const { n, created } = notifier('leader');
    expect(n.notify(event)).toBe(true);
    expect(n.notify(event)).toBe(false);
    expect(created).toEqual([{ title: 'Disk full', options: { body: '/data at 100%', tag: 'vigil-notification-7' } }]);
    expect(n.notify({ ...event, id: 8, message: null })).toBe(true);
    expect(created[1].options).toEqual({ body: undefined, tag: 'vigil-notification-8' });
  });

  it('across a leader and a follower tab, exactly one notification per event', () => {
    const leader = notifier('leader');
    const follower = notifier('follower');
    // Both tabs receive the event: the leader its own, the follower relayed.
    expect([leader.n.notify(event), follower.n.notify(event)]).toEqual([true, false]);
    expect(leader.created.length + follower.created.length).toBe(1);
    // The follower takes over when the leader closes, and shows the next one.
    follower.state.role = 'leader';
    expect(follower.n.notify({ ...event, id: 9 })).toBe(true);
  });

  it('shows nothing while the tab is visible or when turned off', () => {
    const { n, created, state, storage } = notifier('solo', false);
    expect(n.notify(event)).toBe(false);
    state.hidden = true;
    storage.removeItem(DESKTOP_PREF_KEY);
    expect(n.notify(event)).toBe(false);
    expect(created).toHaveLength(0);
  });
});
