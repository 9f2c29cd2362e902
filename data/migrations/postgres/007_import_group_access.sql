-- PostgreSQL only. How many batches an import group holds, counted as the
-- function's owner (the owners role in a team database), so that the
-- row-level security policy of import_groups can compare it with the
-- batches the login asking sees: a group is visible when all are.
CREATE FUNCTION import_group_batches(g BIGINT) RETURNS BIGINT
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
    AS $$ SELECT count(*) FROM import_batches WHERE group_id = g $$;
