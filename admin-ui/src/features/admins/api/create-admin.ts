import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { adminKeys, type AdminAccount, type Role } from '../types';

export interface CreateAdminInput {
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** POST /api/admin/admins → 201 {"admin"}; 422 with field errors, 409 when the email exists. */
export const createAdmin = (input: CreateAdminInput) =>
  api<{ admin: AdminAccount }>('/api/admin/admins', { method: 'POST', body: input });

export const useCreateAdmin = () => useChangingMutation(createAdmin, adminKeys.all, { inlineErrors: true });
