-- PostgreSQL only. Every order is written into three indexes: its key
-- (shop, order ID), orders_by_id (the order ID alone, for finding which
-- shop holds an ID) and orders_facts (shop first, for readiness). Keyed by
-- (order ID, shop) instead, the key finds an ID across shops by itself and
-- orders_by_id goes: a large import writes two indexes a row instead of
-- three. What reads a shop's orders (readiness, lists, undo) starts from
-- orders_facts, which leads with the shop. ON CONFLICT(shop_id, order_id)
-- still names this key: PostgreSQL matches its columns in any order.
ALTER TABLE orders DROP CONSTRAINT orders_pkey;
ALTER TABLE orders ADD PRIMARY KEY (order_id, shop_id);
DROP INDEX orders_by_id;
