-- Verdicts rest on evidence (issue 8): the after-sales columns that keep a
-- case open, and the status values a user taught. Raw values stay beside the
-- class (orders.status/substatus, return_cases.*) so a mapping re-classifies them.
ALTER TABLE return_cases ADD COLUMN dispute TEXT NOT NULL DEFAULT '';
ALTER TABLE return_cases ADD COLUMN appeal TEXT NOT NULL DEFAULT '';
ALTER TABLE return_cases ADD COLUMN compensation TEXT NOT NULL DEFAULT '';
ALTER TABLE return_history ADD COLUMN dispute TEXT NOT NULL DEFAULT '';
ALTER TABLE return_history ADD COLUMN appeal TEXT NOT NULL DEFAULT '';
ALTER TABLE return_history ADD COLUMN compensation TEXT NOT NULL DEFAULT '';

-- A status value the user mapped: key is the value folded (case, spacing,
-- Unicode form), shown as the user first saw it; class is an order status
-- class, or open / final for an after-sales value.
CREATE TABLE status_mappings (
    key        TEXT PRIMARY KEY,
    shown      TEXT NOT NULL,
    class      TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Which kinds of export a shop has live (evidence for orders_settled and
-- returns_closed, and data_as_of per kind).
CREATE INDEX import_batches_kind ON import_batches(shop_id, kind, undone_at, exported_at);
