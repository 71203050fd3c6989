-- Keys other systems use on /api/v1. Only a hash of the secret is kept; the prefix lets people tell keys apart.
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    prefix       TEXT    NOT NULL,
    secret_hash  TEXT    NOT NULL UNIQUE,
    scopes       TEXT    NOT NULL,
    -- The superadmin who created it: the key acts for them (its notification stream is theirs) and stops
    -- working when they are deactivated.
    admin_id     INTEGER NOT NULL REFERENCES admins (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    revoked_at   INTEGER,
    last_used_at INTEGER,
    last_used_ip TEXT
);
CREATE INDEX ix_api_keys_expires ON api_keys (expires_at) WHERE revoked_at IS NULL AND expires_at IS NOT NULL;
