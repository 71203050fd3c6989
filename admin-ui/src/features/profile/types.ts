import type { SessionInfo } from '@/components/session-cells';

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

/** One of the caller's own live sessions (GET /api/admin/profile/sessions). */
export type OwnSession = SessionInfo;

export const profileKeys = {
  all: ['profile'] as const,
  me: ['profile', 'me'] as const,
  sessions: ['profile', 'sessions'] as const,
};
