-- Copilot Gateway schema, version 2: the client identity of each account, and finding an account by its GitHub user.
-- Portable SQL (H2 2.x and PostgreSQL 12+).

-- Sent to Copilot as editor-device-id (a random UUID) and vscode-machineid (64 hex digits), as VS Code does:
-- stable per account, never shared between accounts. Filled by the gateway the first time it uses the account
-- (no portable SQL generates random UUIDs), so rows from version 1 stay valid.
ALTER TABLE github_account ADD COLUMN device_id VARCHAR(36);
ALTER TABLE github_account ADD COLUMN machine_id VARCHAR(64);

-- A new login of a known GitHub user replaces that account's token instead of adding a second account.
CREATE INDEX ix_github_account_user ON github_account (github_user_id);
