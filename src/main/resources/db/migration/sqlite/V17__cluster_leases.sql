-- Work that must run on one instance of a cluster at a time (the audit export): which instance holds it
-- and until when (epoch ms). It renews its lease while it works; another takes over once it expires.
-- Unused by a single instance.
CREATE TABLE cluster_leases (
    name       TEXT    PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
