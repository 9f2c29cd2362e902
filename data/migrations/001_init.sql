-- The first schema: every concept of PRODUCT.md §1.
-- Dates are days since 1970-01-01 (0 = none); times are shop-local seconds
-- since 1970 (0 = none); amounts are hundredths of the currency unit.

CREATE TABLE rule_sets (
    id        TEXT PRIMARY KEY,
    version   INTEGER NOT NULL DEFAULT 1,
    name      TEXT NOT NULL,
    platform  TEXT NOT NULL DEFAULT '',
    sites     TEXT NOT NULL DEFAULT '[]',
    effective INTEGER NOT NULL DEFAULT 0,
    source    TEXT NOT NULL DEFAULT '',
    built_in  INTEGER NOT NULL DEFAULT 0,
    params    TEXT NOT NULL
);

CREATE TABLE shops (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE COLLATE NOCASE,
    platform            TEXT NOT NULL DEFAULT 'tiktok',
    site                TEXT NOT NULL,
    code                TEXT NOT NULL DEFAULT '',
    client              TEXT NOT NULL DEFAULT '',
    opened              INTEGER NOT NULL DEFAULT 0,
    contract_end        INTEGER NOT NULL DEFAULT 0,
    deposit             INTEGER NOT NULL DEFAULT 0,
    currency            TEXT NOT NULL,
    rule_set            TEXT NOT NULL REFERENCES rule_sets(id),
    account_holder      TEXT NOT NULL DEFAULT '',
    account_bank        TEXT NOT NULL DEFAULT '',
    account_number      TEXT NOT NULL DEFAULT '',
    account_swift       TEXT NOT NULL DEFAULT '',
    notes               TEXT NOT NULL DEFAULT '',
    closure_notice      INTEGER NOT NULL DEFAULT 0,
    marketing_stopped   INTEGER NOT NULL DEFAULT 0,
    creators_unbound    INTEGER NOT NULL DEFAULT 0,
    commissions_settled INTEGER NOT NULL DEFAULT 0,
    dues_settled        INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    encoding    TEXT NOT NULL DEFAULT '',
    exported_at INTEGER NOT NULL,
    rows        INTEGER NOT NULL,
    records     INTEGER NOT NULL,
    created     INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    warnings    TEXT NOT NULL DEFAULT '[]',
    imported_at TEXT NOT NULL,
    undone_at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX import_batches_shop ON import_batches(shop_id, sha256);

CREATE TABLE orders (
    shop_id       INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    order_id      TEXT NOT NULL,
    class         TEXT NOT NULL,
    status        TEXT NOT NULL,
    substatus     TEXT NOT NULL,
    created       INTEGER NOT NULL,
    paid          INTEGER NOT NULL,
    shipped       INTEGER NOT NULL,
    delivered     INTEGER NOT NULL,
    cancelled     INTEGER NOT NULL,
    amount        INTEGER NOT NULL,
    refund_amount INTEGER NOT NULL,
    return_qty    INTEGER NOT NULL,
    lines         INTEGER NOT NULL,
    exported_at   INTEGER NOT NULL,
    batch_id      INTEGER NOT NULL,
    PRIMARY KEY (shop_id, order_id)
) WITHOUT ROWID;
-- Covers the readiness aggregates and the evidence samples.
CREATE INDEX orders_facts ON orders(shop_id, class, delivered, created, cancelled, exported_at);

-- The state an import replaced, so that undo restores it exactly.
CREATE TABLE order_history (
    batch_id      INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    shop_id       INTEGER NOT NULL,
    order_id      TEXT NOT NULL,
    class         TEXT NOT NULL,
    status        TEXT NOT NULL,
    substatus     TEXT NOT NULL,
    created       INTEGER NOT NULL,
    paid          INTEGER NOT NULL,
    shipped       INTEGER NOT NULL,
    delivered     INTEGER NOT NULL,
    cancelled     INTEGER NOT NULL,
    amount        INTEGER NOT NULL,
    refund_amount INTEGER NOT NULL,
    return_qty    INTEGER NOT NULL,
    lines         INTEGER NOT NULL,
    exported_at   INTEGER NOT NULL,
    prev_batch_id INTEGER NOT NULL,
    PRIMARY KEY (batch_id, order_id)
) WITHOUT ROWID;
CREATE INDEX order_history_prev ON order_history(shop_id, prev_batch_id);

CREATE TABLE return_cases (
    shop_id     INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    return_id   TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    type        TEXT NOT NULL,
    status      TEXT NOT NULL,
    substatus   TEXT NOT NULL,
    open        INTEGER NOT NULL,
    requested   INTEGER NOT NULL,
    refunded    INTEGER NOT NULL,
    amount      INTEGER NOT NULL,
    exported_at INTEGER NOT NULL,
    batch_id    INTEGER NOT NULL,
    PRIMARY KEY (shop_id, return_id)
) WITHOUT ROWID;
CREATE INDEX return_cases_open ON return_cases(shop_id, open, requested);

CREATE TABLE return_history (
    batch_id      INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
    shop_id       INTEGER NOT NULL,
    return_id     TEXT NOT NULL,
    order_id      TEXT NOT NULL,
    type          TEXT NOT NULL,
    status        TEXT NOT NULL,
    substatus     TEXT NOT NULL,
    open          INTEGER NOT NULL,
    requested     INTEGER NOT NULL,
    refunded      INTEGER NOT NULL,
    amount        INTEGER NOT NULL,
    exported_at   INTEGER NOT NULL,
    prev_batch_id INTEGER NOT NULL,
    PRIMARY KEY (batch_id, return_id)
) WITHOUT ROWID;
CREATE INDEX return_history_prev ON return_history(shop_id, prev_batch_id);

CREATE TABLE violations (
    id       INTEGER PRIMARY KEY,
    shop_id  INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    date     INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    penalty  INTEGER NOT NULL DEFAULT 0,
    resolved INTEGER NOT NULL DEFAULT 0,
    note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX violations_shop ON violations(shop_id);

CREATE TABLE applications (
    id           INTEGER PRIMARY KEY,
    shop_id      INTEGER NOT NULL UNIQUE REFERENCES shops(id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    currency     TEXT NOT NULL,
    account      TEXT NOT NULL DEFAULT '{}',
    reason       TEXT NOT NULL DEFAULT '',
    verdict      TEXT NOT NULL DEFAULT '',
    file         TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    created_on   INTEGER NOT NULL DEFAULT 0,
    submitted_on INTEGER NOT NULL DEFAULT 0,
    decided_on   INTEGER NOT NULL DEFAULT 0,
    refunded_on  INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL
);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    user    TEXT NOT NULL,
    shop_id INTEGER,
    shop    TEXT NOT NULL DEFAULT '',
    action  TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_shop ON audit_log(shop_id, id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
