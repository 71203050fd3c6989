-- Endpoints notifications are delivered to. The secret is kept as given (HMAC needs it); the API shows it once.
CREATE TABLE webhooks (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    name                 TEXT    NOT NULL,
    url                  TEXT    NOT NULL,
    secret               TEXT    NOT NULL,
    types                TEXT    NOT NULL, -- comma list of notification types
    audiences            TEXT    NOT NULL, -- comma list: all, admin, admins, role:<id>
    format               TEXT    NOT NULL DEFAULT 'vigil',
    enabled              INTEGER NOT NULL DEFAULT 1,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    -- Set when superadmins were told the endpoint fails; cleared by its next success (one alert per outage).
    alerted_at           INTEGER,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);

-- One row per logical send to one endpoint, with its attempts so far; the body is fixed when queued so that
-- every attempt sends the same bytes (only the signature's timestamp changes).
CREATE TABLE webhook_deliveries (
    id              TEXT    PRIMARY KEY, -- UUID, sent as X-Vigil-Delivery
    webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event           TEXT    NOT NULL, -- notification | test
    summary         TEXT    NOT NULL DEFAULT '',
    payload         TEXT    NOT NULL,
    is_alert        INTEGER NOT NULL DEFAULT 0, -- carries a webhook-failure alert: its own failure alerts no one
    status          TEXT    NOT NULL, -- queued | sending | retrying | delivered | failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    response_code   INTEGER,
    duration_ms     INTEGER,
    error           TEXT,
    next_attempt_at INTEGER,
    delivered_at    INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at);
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (status, next_attempt_at)
    WHERE status IN ('queued', 'sending', 'retrying');
CREATE INDEX ix_webhook_deliveries_created ON webhook_deliveries (created_at);
