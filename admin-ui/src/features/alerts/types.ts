/** An alert rule as listed (AlertsController.RuleView), with where its evaluation stands. */
export interface AlertRule {
  id: number;
  name: string;
  source: string;
  levels: string[];
  pattern: string;
  exclude: string;
  threshold: number;
  window_seconds: number;
  for_seconds: number;
  cooldown_seconds: number;
  recipient_role: Role | null;
  recipient_admin_ids: number[];
  enabled: boolean;
  muted_until: string | null;
  muted: boolean;
  state: AlertState;
  last_fired_at: string | null;
  last_recovered_at: string | null;
  fire_count: number;
  /** Matching entries in the current window. */
  count: number;
  /** Windows grouped into the open firing. */
  repeats: number;
  last_firing: AlertFiring | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type AlertState = 'ok' | 'pending' | 'firing';
/** A role name: a built-in one or one defined on the Roles page. */
export type Role = string;

/** One firing (AlertsController.FiringView). */
export interface AlertFiring {
  id: number;
  fired_at: string;
  recovered_at: string | null;
  matched: number;
  repeats: number;
  notified: boolean;
}

/** What create and update send (AlertsController.RuleRequest). */
export interface AlertRuleInput {
  name: string;
  source: string;
  levels: string[];
  pattern: string;
  exclude: string;
  threshold: number;
  window_seconds: number;
  for_seconds: number;
  cooldown_seconds: number;
  recipient_role: Role | null;
  recipient_admin_ids: number[];
  enabled: boolean;
}

export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'] as const;

/** The built-in roles, offered when the role list cannot be read (it needs admin:admins or admin:roles). */
export const ROLES: Role[] = ['superadmin', 'admin', 'viewer'];

export const roleOption = (role: Role) => ({ value: role, label: `Every ${role}` });

/** The mute menu: label and the server's duration. */
export const MUTE_OPTIONS: { label: string; value: string }[] = [
  { label: '15 minutes', value: '15m' },
  { label: '1 hour', value: '1h' },
  { label: '8 hours', value: '8h' },
  { label: '24 hours', value: '24h' },
];

export const alertKeys = {
  all: ['alerts'] as const,
  list: () => [...alertKeys.all, 'list'] as const,
  firings: (id: number) => [...alertKeys.all, 'firings', id] as const,
  sources: () => [...alertKeys.all, 'sources'] as const,
  roles: () => [...alertKeys.all, 'roles'] as const,
};
