import type { SortOrder } from '@/components/sort-header';

/** An admin account as GET /api/admin/admins returns it (AdminsController.AdminView). */
export interface AdminAccount {
  id: number;
  email: string;
  name: string;
  role: Role;
  is_active: boolean;
  created_at: string;
  updated_at: string;
}

/** A role's name: a built-in one (superadmin, admin, viewer) or one defined on the Roles page. */
export type Role = string;

/** A role as the admin form offers it (GET /api/admin/roles). */
export interface RoleChoice {
  name: string;
  description: string;
}

/** The built-in roles, offered while the list loads or when it cannot be read. */
export const BUILT_IN_ROLES: RoleChoice[] = [
  { name: 'superadmin', description: 'Everything, including admin accounts and backups' },
  { name: 'admin', description: 'Everything except admin accounts and backups' },
  { name: 'viewer', description: 'Read-only: dashboard, logs, own notifications' },
];

export function roleColor(role: string): string {
  switch (role) {
    case 'superadmin':
      return 'grape';
    case 'admin':
      return 'indigo';
    default:
      return 'gray';
  }
}

/** Server sort keys (AdminsController.SORTABLE). */
export type AdminSort = 'id' | 'email' | 'name' | 'role' | 'is_active' | 'created_at' | 'updated_at';
export type { SortOrder };

export interface AdminListParams {
  search: string;
  sort: AdminSort;
  order: SortOrder;
  limit: number;
  offset: number;
}

export const adminKeys = {
  all: ['admins'] as const,
  list: (params: AdminListParams) => ['admins', 'list', params] as const,
  lastLogins: ['admins', 'last-logins'] as const,
  roles: ['admins', 'roles'] as const,
};
