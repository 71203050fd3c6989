/** GET /api/admin/profile → {"admin"} (ProfileController.Profile). */
export interface Profile {
  id: number;
  email: string;
  name: string;
  role: string;
  scopes: string[];
  created_at: string;
  updated_at: string;
}

/** One of the caller's own live sessions (duplicated from the sessions feature on purpose). */
export interface OwnSession {
  id: string;
  user_agent: string;
  ip: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  current: boolean;
}

export const profileKeys = {
  all: ['profile'] as const,
  me: ['profile', 'me'] as const,
  sessions: ['profile', 'sessions'] as const,
};
