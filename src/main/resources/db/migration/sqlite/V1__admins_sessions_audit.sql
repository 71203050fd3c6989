-- Times are epoch milliseconds (INTEGER): sortable, compact, and free of format drift.

CREATE TABLE admins (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL COLLATE NOCASE,
    password_hash TEXT    NOT NULL,
    name          TEXT    NOT NULL DEFAULT '',
    role          TEXT    NOT NULL DEFAULT 'admin' CHECK (role IN ('superadmin', 'admin', 'viewer')),
    is_active     INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
-- Soft-deleted admins free their email for reuse.
CREATE UNIQUE INDEX ux_admins_email_live ON admins (email) WHERE deleted_at IS NULL;

CREATE TABLE sessions (
    id            TEXT    PRIMARY KEY,
    admin_id      INTEGER NOT NULL REFERENCES admins (id),
    token_hash    TEXT    NOT NULL,
    previous_hash TEXT,
    user_agent    TEXT    NOT NULL DEFAULT '',
    ip            TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    revoked_at    INTEGER,
    revoke_reason TEXT
);
CREATE UNIQUE INDEX ux_sessions_token_hash ON sessions (token_hash);
CREATE INDEX ix_sessions_previous_hash ON sessions (previous_hash);
CREATE INDEX ix_sessions_admin ON sessions (admin_id);
CREATE INDEX ix_sessions_expires ON sessions (expires_at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id    INTEGER,
    action      TEXT    NOT NULL,
    entity_type TEXT    NOT NULL DEFAULT '',
    entity_id   TEXT    NOT NULL DEFAULT '',
    details     TEXT    NOT NULL DEFAULT '',
    ip          TEXT    NOT NULL DEFAULT '',
    request_id  TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX ix_audit_admin ON audit_log (admin_id);
CREATE INDEX ix_audit_action ON audit_log (action);
CREATE INDEX ix_audit_created ON audit_log (created_at);
