-- Copilot Gateway schema, version 7: per-key limits and model allow-lists (issue 13).
-- Portable SQL (H2 2.x and PostgreSQL 12+).

-- A key's limits; NULL means no limit. Requests per minute count a sliding 60-second window; tokens per day the UTC day.
ALTER TABLE client_api_key ADD COLUMN requests_per_minute INTEGER;
ALTER TABLE client_api_key ADD COLUMN tokens_per_day BIGINT;
ALTER TABLE client_api_key ADD COLUMN concurrent_requests INTEGER;

-- The model ids a key may use, exactly as its clients name them. A key with no row here may use every model.
CREATE TABLE client_api_key_model (
    key_id BIGINT       NOT NULL,
    model  VARCHAR(200) NOT NULL,
    CONSTRAINT pk_client_api_key_model PRIMARY KEY (key_id, model),
    CONSTRAINT fk_client_api_key_model_key FOREIGN KEY (key_id) REFERENCES client_api_key (id) ON DELETE CASCADE
);

-- What each node has counted against the limits of keys that have them, so that nodes sharing this database enforce
-- the limits together. A node writes only its own rows (absolute values, so a retried write never counts twice) and
-- reads the sum of the others'. kind: REQUESTS (window_start = the epoch second the requests arrived in), TOKENS
-- (window_start = the epoch second the UTC day began), CONCURRENT (window_start = 0; the requests open right now,
-- ignored once updated_at is older than a few sync intervals, so a node that died stops counting).
CREATE TABLE key_limit_count (
    node_id      VARCHAR(36) NOT NULL,
    key_id       BIGINT      NOT NULL,
    kind         VARCHAR(12) NOT NULL,
    window_start BIGINT      NOT NULL,
    amount       BIGINT      NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_key_limit_count PRIMARY KEY (node_id, key_id, kind, window_start),
    CONSTRAINT fk_key_limit_count_key FOREIGN KEY (key_id) REFERENCES client_api_key (id) ON DELETE CASCADE
);
CREATE INDEX ix_key_limit_count_window ON key_limit_count (kind, window_start);
