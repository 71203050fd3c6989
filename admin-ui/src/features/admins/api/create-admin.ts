import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
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

export const useCreateAdmin = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createAdmin,
    meta: { inlineErrors: true },
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.all }),
  });
};
