import type { AuditFilters, SortOrder } from '../types';

/** Actions the server records (grep of AuditLog.record calls); the filter also accepts any other. */
export const KNOWN_ACTIONS = [
  'admin.change_password',
  'admin.create',
  'admin.delete',
  'admin.revoke_session',
  'admin.update',
  'admin.update_profile',
  'api_key.used',
  'audit.export',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'backup.create',
  'backup.delete',
  'cron.trigger',
  'job.cancel',
  'job.retry',
  'notification.send',
  'session.revoke',
];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date input's day as the instant its local day starts (or ends), ISO; null when empty or invalid. */
export function dayBoundary(day: string, end: boolean): string | null {
  const match = DAY.exec(day.trim());
  if (!match) return null;
  const [, y, m, d] = match.map(Number);
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return null;
  return date.toISOString();
}

/** A problem with the filters the user should see, or null. */
export function filterError(filters: AuditFilters): string | null {
  if (filters.adminId.trim() && !/^\d+$/.test(filters.adminId.trim())) return 'Admin id must be a number';
  const from = dayBoundary(filters.from, false);
  const to = dayBoundary(filters.to, true);
  if (from && to && from > to) return 'The start date is after the end date';
  return null;
}

/** Query parameters of GET /api/admin/audit (AuditController): empty filters are left out. */
export function auditQuery(filters: AuditFilters, page: number, pageSize: number, order: SortOrder) {
  const adminId = filters.adminId.trim();
  return {
    action: filters.action.trim() || undefined,
    admin_id: /^\d+$/.test(adminId) ? adminId : undefined,
    search: filters.search.trim() || undefined,
    from: dayBoundary(filters.from, false) ?? undefined,
    to: dayBoundary(filters.to, true) ?? undefined,
    limit: pageSize,
    offset: (Math.max(1, page) - 1) * pageSize,
    sort: 'created_at',
    order,
  };
}

export const hasFilters = (filters: AuditFilters) => Object.values(filters).some((v) => v.trim() !== '');

/** Badge colour by the action's area and verb. */
export function actionColor(action: string): string {
  if (/(delete|revoke|cancel)$/.test(action)) return 'red';
  const area = action.split('.')[0];
  switch (area) {
    case 'auth':
      return 'blue';
    case 'admin':
      return 'grape';
    case 'backup':
      return 'teal';
    case 'job':
    case 'cron':
      return 'orange';
    case 'audit':
      return 'cyan';
    case 'notification':
      return 'yellow';
    case 'session':
      return 'indigo';
    default:
      return 'gray';
  }
}

export type AuditQuery = ReturnType<typeof auditQuery>;
