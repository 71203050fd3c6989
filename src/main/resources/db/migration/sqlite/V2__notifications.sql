CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id   INTEGER NOT NULL REFERENCES admins (id),
    type       TEXT    NOT NULL DEFAULT 'info',
    title      TEXT    NOT NULL,
    message    TEXT    NOT NULL DEFAULT '',
    data       TEXT,
    read_at    INTEGER,
    created_at INTEGER NOT NULL
);
-- Every query is per admin; resume reads "ids after N" of one admin.
CREATE INDEX ix_notifications_admin_id ON notifications (admin_id, id);
CREATE INDEX ix_notifications_unread ON notifications (admin_id) WHERE read_at IS NULL;
CREATE INDEX ix_notifications_created ON notifications (created_at);

-- Devices an admin has signed in from, to notify on a sign-in from a new one.
CREATE TABLE known_devices (
    admin_id   INTEGER NOT NULL REFERENCES admins (id),
    ip         TEXT    NOT NULL,
    user_agent TEXT    NOT NULL,
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (admin_id, ip, user_agent)
);
