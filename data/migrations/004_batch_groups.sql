-- Files imported together in one step (a dropped folder, `import DIR`) form a
-- group that is undone together; a folder remembers the shop its files went
-- to; order and return IDs are looked up across shops, because an ID belongs
-- to one shop only and a file whose orders another shop holds is refused.
CREATE TABLE import_groups (
    id          INTEGER PRIMARY KEY,
    files       INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    undone_at   TEXT NOT NULL DEFAULT ''
);
ALTER TABLE import_batches ADD COLUMN group_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX import_batches_group ON import_batches(group_id) WHERE group_id <> 0;

CREATE TABLE folder_shops (
    folder     TEXT PRIMARY KEY,
    shop_id    INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
    updated_at TEXT NOT NULL
);

CREATE INDEX orders_by_id ON orders(order_id);
CREATE INDEX return_cases_by_order ON return_cases(order_id);
CREATE INDEX return_cases_by_id ON return_cases(return_id);
