export interface Admin {
  id: number;
  email: string;
  name: string;
  role: string;
  scopes: string[];
}

/**
 * POST /api/admin/auth/login: signed in (`admin`), or the password passed and a second factor is pending
 * (`second_factor`; `enrolled` false when the policy requires one the admin has not set up yet).
 */
export interface LoginAnswer {
  admin?: Admin;
  second_factor?: { enrolled: boolean };
}

/** GET /api/admin/auth/methods: how one may sign in here. */
export interface AuthMethods {
  password: boolean;
  sso: { name: string; url: string } | null;
}
