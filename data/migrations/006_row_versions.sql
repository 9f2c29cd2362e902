-- Two people editing at once (team mode): every edit of a shop, violation or
-- application names the version it was made on, and a stale one is refused.
ALTER TABLE shops ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE violations ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE applications ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
