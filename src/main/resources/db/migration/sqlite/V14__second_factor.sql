-- Second factor (TOTP, RFC 6238) per admin. The secret is encrypted with a key derived from the signing key;
-- confirmed_at is NULL while an enrolment waits for its first code; last_step is the last time step accepted,
-- so a code is accepted once (a replay of it, or of an older one, is refused).
CREATE TABLE second_factors (
    admin_id     INTEGER PRIMARY KEY REFERENCES admins (id),
    secret       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    confirmed_at INTEGER,
    last_step    INTEGER
);

-- One-time recovery codes: only their SHA-256 is kept (they are random, 80 bits).
CREATE TABLE second_factor_recovery_codes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id   INTEGER NOT NULL REFERENCES admins (id),
    code_hash  TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX ix_second_factor_recovery_codes_admin ON second_factor_recovery_codes (admin_id);

-- Who must have a second factor: everyone, and/or admins of the listed roles (by role name).
CREATE TABLE second_factor_policy (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    everyone   INTEGER NOT NULL DEFAULT 0,
    roles      TEXT    NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
);
INSERT INTO second_factor_policy (id, everyone, roles, updated_at) VALUES (1, 0, '', 0);
