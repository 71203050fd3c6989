/** An API key as listed (ApiKeysController.KeyView); the secret is never part of it. */
export interface ApiKey {
  id: number;
  name: string;
  /** `vgl_` and the first 8 hex digits of the secret, to tell keys apart. */
  prefix: string;
  scopes: string[];
  created_by: number;
  created_by_email: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  status: 'active' | 'expired' | 'revoked';
}

/** A scope a key may carry, and the role scope its creator needs for it (null: none). */
export interface ApiKeyScope {
  id: string;
  requires: string | null;
}

export const apiKeyKeys = {
  all: ['api-keys'] as const,
  scopes: ['api-keys', 'scopes'] as const,
};
