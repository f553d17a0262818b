-- Console users provisioned on their first single sign-on: they have no password and can never sign in with one.
ALTER TABLE console_user ADD COLUMN sso BOOLEAN DEFAULT FALSE NOT NULL;
