-- On PostgreSQL an order's key leads with its ID (postgres/009_orders_keyed_by_id_on_postgres.sql),
-- so that one index serves both the key and the look-up of an ID across
-- shops; the version records it. Nothing changes in a SQLite file.
SELECT 1;
