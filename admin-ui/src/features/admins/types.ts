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

export type Role = 'superadmin' | 'admin' | 'viewer';

export const ROLES: { value: Role; label: string; description: string }[] = [
  { value: 'superadmin', label: 'Superadmin', description: 'Everything, including admin accounts and backups' },
  { value: 'admin', label: 'Admin', description: 'Everything except admin accounts and backups' },
  { value: 'viewer', label: 'Viewer', description: 'Read-only: dashboard, logs, own notifications' },
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
};
