import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { roleKeys, type RoleDefinition } from '../types';

export interface RoleInput {
  name: string;
  description: string;
  scopes: string[];
  log_sources: string[] | null;
}

/** POST /api/admin/roles → 201 the role; 422 with field errors, 409 when the name is taken. */
export const createRole = (input: RoleInput) =>
  api<RoleDefinition>('/api/admin/roles', { method: 'POST', body: input });

export const useCreateRole = () => useChangingMutation(createRole, roleKeys.all, { inlineErrors: true });
