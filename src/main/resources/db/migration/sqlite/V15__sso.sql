-- Single sign-on and forward-auth: which identity at which provider is which admin, and the provider's
-- tokens of each SSO session (encrypted with a key derived from the signing key), so that every refresh
-- can ask the provider again.
CREATE TABLE sso_identities (
    issuer     TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    admin_id   INTEGER NOT NULL REFERENCES admins (id),
    created_at INTEGER NOT NULL,
    last_login INTEGER NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX ix_sso_identities_admin ON sso_identities (admin_id);

-- No foreign key to sessions: sessions are deleted (logout, purge) before these rows are forgotten
-- (SsoTokenCleanup), and the database page's foreign_key_check would report the moment in between.
CREATE TABLE sso_session_tokens (
    session_id    TEXT    PRIMARY KEY,
    issuer        TEXT    NOT NULL,
    subject       TEXT    NOT NULL,
    refresh_token TEXT,
    access_token  TEXT,
    updated_at    INTEGER NOT NULL
);
