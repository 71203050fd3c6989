-- Which notification types reach each admin by email (opt-in: no row, no email).
CREATE TABLE email_preferences (
    admin_id   INTEGER PRIMARY KEY REFERENCES admins (id),
    types      TEXT    NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
);

-- One email per notification and recipient. The mail's content is kept here, so a
-- delivery still goes out if the admin deletes the notification meanwhile.
CREATE TABLE email_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id INTEGER NOT NULL,
    admin_id        INTEGER NOT NULL REFERENCES admins (id),
    address         TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    message         TEXT    NOT NULL DEFAULT '',
    notified_at     INTEGER NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'queued',
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX ix_email_deliveries_admin ON email_deliveries (admin_id, id);
CREATE INDEX ix_email_deliveries_created ON email_deliveries (created_at);
