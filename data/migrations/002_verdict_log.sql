-- The last verdict status recorded for each shop, so that a change of status
-- (waiting → ready, ready → blocked) is written to the audit log once.
CREATE TABLE shop_verdicts (
    shop_id    INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    as_of      INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
