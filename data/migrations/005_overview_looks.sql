-- What the overview showed of each shop when someone last looked at it, so
-- that the next look can say what changed since (status, or an application
-- gone overdue), for the window and the command line alike.
CREATE TABLE overview_looks (
    shop_id    INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    overdue    INTEGER NOT NULL DEFAULT 0,
    looked_at  TEXT NOT NULL
);
