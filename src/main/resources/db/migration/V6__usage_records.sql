-- Usage records (issue 13): what V1's usage_record lacked, and indexes for the admin API's filters.
ALTER TABLE usage_record ADD COLUMN upstream_model VARCHAR(200);
ALTER TABLE usage_record ADD COLUMN reasoning_tokens BIGINT;
ALTER TABLE usage_record ADD COLUMN premium_requests DOUBLE PRECISION;
ALTER TABLE usage_record ADD COLUMN ttfb_ms BIGINT;
-- The UTC day of created_at, written with the row: the per-day sums group by it on any database.
ALTER TABLE usage_record ADD COLUMN usage_day DATE;
-- Only with the usage-debug-bodies setting (off by default): the bodies, redacted and cut to 8,000 characters.
ALTER TABLE usage_record ADD COLUMN debug_request VARCHAR(8000);
ALTER TABLE usage_record ADD COLUMN debug_response VARCHAR(8000);
CREATE INDEX ix_usage_record_account_created ON usage_record (account_id, created_at);
CREATE INDEX ix_usage_record_model_created ON usage_record (model, created_at);
CREATE INDEX ix_usage_record_day ON usage_record (usage_day);
