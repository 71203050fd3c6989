import type { RoleInput } from '../api/create-role';
import type { RoleDefinition, ScopeInfo } from '../types';

export interface RoleFormValues {
  name: string;
  description: string;
  scopes: string[];
  /** false: every log source the scopes allow; true: only `logSources`. */
  limitSources: boolean;
  logSources: string[];
}

/** The server's rule for role names (RolesController.NAME). */
export const ROLE_NAME = /^[a-z][a-z0-9_-]{1,31}$/;

export const EMPTY_ROLE: RoleFormValues = {
  name: '',
  description: '',
  scopes: ['admin:logs'],
  limitSources: false,
  logSources: [],
};

export function formValues(role: RoleDefinition): RoleFormValues {
  return {
    name: role.name,
    description: role.description,
    scopes: [...role.scopes],
    limitSources: role.log_sources !== null,
    logSources: role.log_sources ? [...role.log_sources] : [],
  };
}

/** The checks the server makes too, so that obvious mistakes are caught before a round trip. */
export function validateRoleForm(values: RoleFormValues, mode: 'create' | 'edit'): Record<string, string> {
  const errors: Record<string, string> = {};
  if (mode === 'create' && !ROLE_NAME.test(values.name)) {
    errors.name = "2 to 32 lower-case letters, digits, '_' or '-', starting with a letter";
  }
  if (values.description.length > 200) {
    errors.description = 'at most 200 characters';
  }
  if (values.limitSources && values.logSources.length === 0) {
    errors.log_sources = 'choose at least one source, or allow every source';
  }
  return errors;
}

/** The request body: sources only when the role is limited to some. */
export function roleInput(values: RoleFormValues): RoleInput {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    scopes: values.scopes,
    log_sources: values.limitSources ? values.logSources : null,
  };
}

/** The scopes grouped by area, in the order the server lists them. */
export function scopesByArea(scopes: ScopeInfo[]): { area: string; scopes: ScopeInfo[] }[] {
  const groups: { area: string; scopes: ScopeInfo[] }[] = [];
  for (const scope of scopes) {
    const group = groups.find((g) => g.area === scope.area);
    if (group) {
      group.scopes.push(scope);
    } else {
      groups.push({ area: scope.area, scopes: [scope] });
    }
  }
  return groups;
}

/** What a role's log sources come to, in a few words. */
export function sourcesSummary(role: Pick<RoleDefinition, 'log_sources' | 'scopes'>): string {
  if (!role.scopes.includes('admin:logs')) {
    return 'no logs';
  }
  if (role.log_sources === null) {
    return 'every source';
  }
  return role.log_sources.length === 0 ? 'no source' : role.log_sources.join(', ');
}
