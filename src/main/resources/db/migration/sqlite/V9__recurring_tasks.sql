-- Recurring tasks an admin paused. JobRunr OSS cannot pause: the recurring job is removed from its storage and
-- its definition (JobRunr's own JSON) kept here, to be put back on resume.
CREATE TABLE recurring_task_pauses (
    task       TEXT    PRIMARY KEY,
    definition TEXT    NOT NULL,
    paused_at  INTEGER NOT NULL
);

-- The last runs of each recurring task (bounded per task by the recorder), one row per attempt.
CREATE TABLE recurring_task_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    task        TEXT    NOT NULL,
    job_id      TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    outcome     TEXT    NOT NULL, -- running | succeeded | failed | timed_out
    error       TEXT
);
CREATE INDEX recurring_task_runs_by_task ON recurring_task_runs (task, id);
