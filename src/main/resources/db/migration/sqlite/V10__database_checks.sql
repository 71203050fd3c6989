-- Database maintenance runs (integrity check, optimize, vacuum) requested from the panel, with their outcome.
CREATE TABLE database_checks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL, -- integrity_check | optimize | vacuum
    job_id       TEXT    NOT NULL, -- the JobRunr job that runs it
    requested_by INTEGER,          -- admin id (no foreign key: the record outlives the account)
    requested_at INTEGER NOT NULL,
    started_at   INTEGER,
    finished_at  INTEGER,
    outcome      TEXT    NOT NULL, -- queued | running | ok | problems | failed | interrupted
    result       TEXT    NOT NULL DEFAULT ''
);

-- At most one unfinished run at a time: a second request fails this index and is answered 409.
CREATE UNIQUE INDEX database_checks_one_unfinished ON database_checks ((finished_at IS NULL)) WHERE finished_at IS NULL;

CREATE INDEX database_checks_kind ON database_checks (kind, id);
