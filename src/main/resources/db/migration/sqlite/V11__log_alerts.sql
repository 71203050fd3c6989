-- Alert rules on the live logs: a count of matching entries per window, evaluated on the shared tail.
CREATE TABLE alert_rules (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT    NOT NULL,
    source              TEXT    NOT NULL, -- a configured log source
    levels              TEXT    NOT NULL DEFAULT '', -- comma list, empty for any level
    pattern             TEXT    NOT NULL DEFAULT '', -- case-insensitive regex, empty for any text
    exclude             TEXT    NOT NULL DEFAULT '', -- case-insensitive regex of entries not counted
    threshold           INTEGER NOT NULL,
    window_seconds      INTEGER NOT NULL,
    for_seconds         INTEGER NOT NULL DEFAULT 0,
    cooldown_seconds    INTEGER NOT NULL DEFAULT 0,
    recipient_role      TEXT,             -- superadmin | admin | viewer, or NULL with recipient_admins
    recipient_admins    TEXT    NOT NULL DEFAULT '', -- comma list of admin ids
    enabled             INTEGER NOT NULL DEFAULT 1,
    muted_until         INTEGER,
    state               TEXT    NOT NULL DEFAULT 'ok', -- ok | pending | firing
    last_fired_at       INTEGER,
    last_recovered_at   INTEGER,
    last_notified_at    INTEGER,
    fire_count          INTEGER NOT NULL DEFAULT 0,
    created_by          INTEGER,          -- admin id (no foreign key: the rule outlives the account)
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);

-- Each firing of a rule, its grouped repeats and when it cleared; the newest 50 per rule are kept.
CREATE TABLE alert_firings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id      INTEGER NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
    fired_at     INTEGER NOT NULL,
    recovered_at INTEGER,
    matched      INTEGER NOT NULL, -- matching entries from the window that fired it until it cleared
    repeats      INTEGER NOT NULL DEFAULT 0, -- further windows over the threshold grouped into it
    notified     INTEGER NOT NULL DEFAULT 0  -- whether its recipients were told (not muted, not in cool-down)
);
CREATE INDEX ix_alert_firings_rule ON alert_firings (rule_id, id);
