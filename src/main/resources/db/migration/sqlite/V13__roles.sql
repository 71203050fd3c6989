-- Roles as data (issue 21). admins.role keeps holding a role name; its CHECK on the three
-- built-in names goes, which SQLite can only do by rebuilding the table. Foreign keys are
-- off meanwhile (outside a transaction: V13__roles.sql.conf), or dropping the old table
-- would count every referencing row as a violation.
PRAGMA foreign_keys = OFF;

CREATE TABLE roles (
    name        TEXT    PRIMARY KEY,
    description TEXT    NOT NULL DEFAULT '',
    scopes      TEXT    NOT NULL,          -- JSON array of scope names
    log_sources TEXT,                      -- JSON array of source names; NULL: every source the scopes allow
    builtin     INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- Exactly the scopes the built-in roles had in code, plus admin:roles for superadmin (who
-- always holds every scope whatever this row says).
INSERT INTO roles (name, description, scopes, log_sources, builtin, created_at, updated_at) VALUES
    ('superadmin', 'Everything, always; cannot be changed',
     '["admin:admins","admin:sessions","admin:audit","admin:logs","admin:notifications","admin:jobs","admin:backups","admin:api-keys","admin:webhooks","admin:log-levels","admin:database","admin:alerts","admin:roles"]',
     NULL, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)),
    ('admin', 'Day-to-day operations',
     '["admin:sessions","admin:audit","admin:logs","admin:notifications","admin:jobs","admin:alerts"]',
     NULL, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER)),
    ('viewer', 'Reads the logs',
     '["admin:logs"]',
     NULL, 1, CAST(unixepoch('subsec') * 1000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER));

CREATE TABLE admins_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL COLLATE NOCASE,
    password_hash TEXT    NOT NULL,
    name          TEXT    NOT NULL DEFAULT '',
    role          TEXT    NOT NULL DEFAULT 'admin',
    is_active     INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    deleted_at    INTEGER
);
INSERT INTO admins_new (id, email, password_hash, name, role, is_active, created_at, updated_at, deleted_at)
    SELECT id, email, password_hash, name, role, is_active, created_at, updated_at, deleted_at FROM admins;
DROP TABLE admins;
ALTER TABLE admins_new RENAME TO admins;
CREATE UNIQUE INDEX ux_admins_email_live ON admins (email) WHERE deleted_at IS NULL;
CREATE INDEX ix_admins_role ON admins (role);

PRAGMA foreign_keys = ON;
