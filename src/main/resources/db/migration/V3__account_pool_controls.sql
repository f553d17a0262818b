-- Copilot Gateway schema, version 3: what an operator sets per account for the pool.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

-- The share of traffic the "weighted" pool strategy gives the account (1-100; every account starts equal).
ALTER TABLE github_account ADD COLUMN weight INTEGER DEFAULT 1 NOT NULL;

-- A label the operator chooses (e.g. "alice's seat"); the GitHub login stays in login.
ALTER TABLE github_account ADD COLUMN name VARCHAR(100);
