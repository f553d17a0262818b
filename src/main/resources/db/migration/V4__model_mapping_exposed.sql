-- Copilot Gateway schema, version 4: model mappings as the admin API manages them (issue 11).
-- Portable SQL (H2 2.x and PostgreSQL 12+).

-- Whether GET /v1/models (and the Gemini lists) show the mapping's client_model. Rows from earlier versions are shown.
ALTER TABLE model_mapping ADD COLUMN exposed BOOLEAN DEFAULT TRUE NOT NULL;

-- `enabled` was never read or written by any version of the gateway, and the admin API has no such field: a mapping
-- is switched off by deleting it. Keeping a column that looks like a switch but changes nothing would mislead whoever
-- edits a row by hand (a row with enabled = FALSE would still apply), so it goes.
ALTER TABLE model_mapping DROP COLUMN enabled;
