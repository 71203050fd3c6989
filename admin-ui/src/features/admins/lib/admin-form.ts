import type { Role, RoleChoice } from '../types';

export interface AdminFormValues {
  email: string;
  name: string;
  role: Role;
  is_active: boolean;
  /** Create: required. Edit: empty = keep the current password. */
  password: string;
}

export const MIN_PASSWORD = 8;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * The checks the server makes too (AdminsController.CreateRequest / UpdateRequest), so that obvious
 * mistakes are caught before a round trip. The server's 422 remains the authority.
 */
export function validateAdminForm(values: AdminFormValues, mode: 'create' | 'edit'): Record<string, string> {
  const errors: Record<string, string> = {};
  if (mode === 'create') {
    if (!values.email.trim()) {
      errors.email = 'email is required';
    } else if (!EMAIL.test(values.email.trim())) {
      errors.email = 'must be a valid email';
    }
    if (!values.password) {
      errors.password = 'password is required';
    }
  }
  if (values.password && values.password.length < MIN_PASSWORD) {
    errors.password = `must be at least ${MIN_PASSWORD} characters`;
  }
  if (values.name.length > 200) {
    errors.name = 'at most 200 characters';
  }
  return errors;
}

/** Only what changed, for PUT /api/admin/admins/{id} (absent fields stay as they are). */
export function changedFields(
  before: { name: string; role: Role; is_active: boolean },
  values: AdminFormValues,
): Partial<Pick<AdminFormValues, 'name' | 'role' | 'is_active' | 'password'>> {
  const changes: Partial<Pick<AdminFormValues, 'name' | 'role' | 'is_active' | 'password'>> = {};
  if (values.name.trim() !== before.name) {
    changes.name = values.name.trim();
  }
  if (values.role !== before.role) {
    changes.role = values.role;
  }
  if (values.is_active !== before.is_active) {
    changes.is_active = values.is_active;
  }
  if (values.password) {
    changes.password = values.password;
  }
  return changes;
}

/** "superadmin" → "Superadmin"; names of defined roles are shown as they are, capitalised. */
export function roleLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * The role select's options: every role the server lists, and the account's current role even if
 * the list does not have it (it cannot be lost by opening the form).
 */
export function roleOptions(choices: RoleChoice[], current: Role): { value: string; label: string }[] {
  const names = choices.map((choice) => choice.name);
  if (current && !names.includes(current)) {
    names.push(current);
  }
  return names.map((name) => ({ value: name, label: roleLabel(name) }));
}
