/** GET/PUT /api/admin/second-factor/policy: who must sign in with a second factor. */
export interface SecondFactorPolicy {
  everyone: boolean;
  roles: string[];
}

/** GET /api/admin/second-factor/admins: admins who have a second factor. */
export interface EnrolledAdmin {
  id: number;
  email: string;
  name: string;
  confirmed_at: string;
}

export const securityKeys = {
  roles: ['security', 'roles'] as const,
  all: ['security'] as const,
  policy: ['security', 'policy'] as const,
  enrolled: ['security', 'enrolled'] as const,
};
