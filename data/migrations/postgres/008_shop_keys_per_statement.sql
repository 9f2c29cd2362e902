-- PostgreSQL only. Orders and after-sales cases are written thousands of
-- rows a statement, and their foreign key to shops was checked row by row
-- (a third of the server's time in a large import). The same guarantee,
-- checked once per statement over all its rows: a row naming a shop that is
-- not there fails the statement, the shops named are locked against
-- deletion until the transaction ends (FOR KEY SHARE, as the foreign key
-- did), and deleting a shop deletes its orders and cases (ON DELETE CASCADE
-- did). The checks see every shop, whoever writes (a foreign key ignores
-- row-level security too).
ALTER TABLE orders DROP CONSTRAINT orders_shop_id_fkey;
ALTER TABLE return_cases DROP CONSTRAINT return_cases_shop_id_fkey;

CREATE FUNCTION rows_name_shops() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    missing BIGINT;
BEGIN
    PERFORM 1 FROM shops WHERE id IN (SELECT DISTINCT shop_id FROM written) FOR KEY SHARE;
    SELECT w.shop_id INTO missing FROM written w
        WHERE NOT EXISTS (SELECT 1 FROM shops s WHERE s.id = w.shop_id) LIMIT 1;
    IF FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('insert or update on table "%s" names shop %s, which does not exist', TG_TABLE_NAME, missing);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER orders_name_shops AFTER INSERT ON orders
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION rows_name_shops();
CREATE TRIGGER orders_name_shops_updated AFTER UPDATE ON orders
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION rows_name_shops();
CREATE TRIGGER return_cases_name_shops AFTER INSERT ON return_cases
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION rows_name_shops();
CREATE TRIGGER return_cases_name_shops_updated AFTER UPDATE ON return_cases
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION rows_name_shops();

CREATE FUNCTION shop_records_go_with_it() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM orders WHERE shop_id = OLD.id;
    DELETE FROM return_cases WHERE shop_id = OLD.id;
    RETURN OLD;
END $$;

CREATE TRIGGER shops_take_their_records BEFORE DELETE ON shops
    FOR EACH ROW EXECUTE FUNCTION shop_records_go_with_it();
