-- On PostgreSQL the orders' and after-sales cases' link to their shop is
-- checked once per statement instead of once per row
-- (postgres/008_shop_keys_per_statement.sql); the version records that a
-- team database has it. Nothing changes in a SQLite file.
SELECT 1;
