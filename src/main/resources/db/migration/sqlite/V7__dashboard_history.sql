-- Dashboard history in three tiers (DashboardHistory): 0 = one point per tick (kept 1 h), 1 = one per minute
-- (kept 24 h), 2 = one per 15 minutes (kept 30 days). A coarse point is made from the finer tier's points.
CREATE TABLE dashboard_history (
    tier     INTEGER NOT NULL,
    time     INTEGER NOT NULL, -- epoch ms: the snapshot's time (tier 0) or its bucket's start
    samples  INTEGER NOT NULL, -- ticks the point stands for
    snapshot TEXT    NOT NULL, -- the point as the API shows it (JSON)
    PRIMARY KEY (tier, time)
) WITHOUT ROWID;
