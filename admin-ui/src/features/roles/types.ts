/** A role as GET /api/admin/roles lists it (RolesController.RoleView). */
export interface RoleDefinition {
  name: string;
  description: string;
  scopes: string[];
  /** The log sources it may read; null: every source its scopes allow. */
  log_sources: string[] | null;
  builtin: boolean;
  /** superadmin: always every scope, cannot be changed. */
  locked: boolean;
  /** How many admins have it (deactivated ones too). */
  admins: number;
  created_at: string;
  updated_at: string;
}

/** A scope a role can hold (GET /api/admin/roles/scopes). */
export interface ScopeInfo {
  id: string;
  label: string;
  area: string;
}

/** A log source as GET /api/admin/logs/sources lists it (only what this page needs). */
export interface LogSourceInfo {
  name: string;
}

export const roleKeys = {
  all: ['roles'] as const,
  scopes: ['roles', 'scopes'] as const,
  sources: ['roles', 'log-sources'] as const,
};
