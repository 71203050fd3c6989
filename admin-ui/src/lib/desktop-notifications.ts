// Browser (desktop) notifications for new Vigil notifications while the tab is hidden. Opt-in per
// browser (localStorage), shown once per event across tabs: only the tab that owns the stream
// connection (the tab leader, or every tab when tabs cannot share one) shows it, and the Notification
// `tag` (the notification id) lets the browser merge any duplicate that still slips through.
// Every browser API is injected, so the decision is unit-tested (desktop-notifications.test.ts).

import type { TabRole } from './stream/tab-leader';

export const DESKTOP_PREF_KEY = 'vigil.desktop-notifications';

export type DesktopPermission = 'default' | 'granted' | 'denied' | 'unsupported';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The part of the Notification API used here. */
export interface NotificationApiLike {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): { onclick: ((this: unknown, ev: Event) => unknown) | null };
}

export interface DesktopEvent {
  id: number;
  type: string;
  title: string;
  message?: string | null;
}

export interface DesktopDecision {
  enabled: boolean;
  permission: DesktopPermission;
  hidden: boolean;
  role: TabRole;
  alreadyShown: boolean;
}

/** Whether this tab shows a desktop notification for an event. */
export function shouldShowDesktop(d: DesktopDecision): boolean {
  return (
    d.enabled &&
    d.permission === 'granted' &&
    d.hidden && // a visible tab shows its in-app toast instead
    (d.role === 'leader' || d.role === 'solo') && // followers get the same event relayed: not theirs to show
    !d.alreadyShown
  );
}

export function browserNotificationApi(): NotificationApiLike | null {
  return typeof window !== 'undefined' && 'Notification' in window
    ? (window.Notification as unknown as NotificationApiLike)
    : null;
}

export function browserStorage(): StorageLike | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null; // storage disabled
  }
}

export function desktopPermission(api: NotificationApiLike | null = browserNotificationApi()): DesktopPermission {
  return api ? api.permission : 'unsupported';
}

export function isDesktopEnabled(storage: StorageLike | null = browserStorage()): boolean {
  return storage?.getItem(DESKTOP_PREF_KEY) === 'on';
}

/**
 * Turns desktop notifications on (asking the browser's permission when not yet decided) or off.
 * Resolves with whether they are on and the permission; on stays off when permission is refused.
 */
export async function setDesktopEnabled(
  on: boolean,
  api: NotificationApiLike | null = browserNotificationApi(),
  storage: StorageLike | null = browserStorage(),
): Promise<{ enabled: boolean; permission: DesktopPermission }> {
  if (!on || !api) {
    storage?.removeItem(DESKTOP_PREF_KEY);
    return { enabled: false, permission: desktopPermission(api) };
  }
  const permission = api.permission === 'default' ? await api.requestPermission() : api.permission;
  if (permission !== 'granted') {
    storage?.removeItem(DESKTOP_PREF_KEY);
    return { enabled: false, permission };
  }
  storage?.setItem(DESKTOP_PREF_KEY, 'on');
  return { enabled: true, permission };
}

export interface DesktopNotifierOptions {
  api?: NotificationApiLike | null;
  storage?: StorageLike | null;
  isHidden?: () => boolean;
  role: () => TabRole;
  onClick?: (event: DesktopEvent) => void;
}

/** How many recent ids are remembered against duplicates (a replay after a reconnect, say). */
const REMEMBERED = 200;

/** Shows the desktop notification for each new event this tab should show; returns whether it did. */
export function createDesktopNotifier(options: DesktopNotifierOptions) {
  const api = options.api === undefined ? browserNotificationApi() : options.api;
  const storage = options.storage === undefined ? browserStorage() : options.storage;
  const isHidden = options.isHidden ?? (() => typeof document !== 'undefined' && document.visibilityState === 'hidden');
  const shown: number[] = [];

  return {
    notify(event: DesktopEvent): boolean {
      const show = shouldShowDesktop({
        enabled: isDesktopEnabled(storage),
        permission: desktopPermission(api),
        hidden: isHidden(),
        role: options.role(),
        alreadyShown: shown.includes(event.id),
      });
      if (!show || !api) {
        return false;
      }
      shown.push(event.id);
      if (shown.length > REMEMBERED) {
        shown.shift();
      }
      try {
        const notification = new api(event.title, {
          body: event.message ?? undefined,
          tag: `vigil-notification-${event.id}`,
        });
        notification.onclick = () => options.onClick?.(event);
        return true;
      } catch {
        // Some browsers (Android Chrome) only allow notifications from a service worker.
        return false;
      }
    },
  };
}
