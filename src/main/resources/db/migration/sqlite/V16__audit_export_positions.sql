-- How far each audit export sink (syslog, file) has delivered: the id of the last audit_log row it
-- wrote. Stored after every delivered batch, so a restart continues where delivery stopped.
CREATE TABLE audit_export_positions (
    sink       TEXT    PRIMARY KEY,
    last_id    INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
