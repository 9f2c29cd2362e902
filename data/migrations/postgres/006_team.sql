-- PostgreSQL only. The audit log names the database login that acted,
-- whatever the program says: a trigger writes it.
CREATE FUNCTION audit_log_login() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."user" := session_user;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_log_login BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_login();

-- Who sees which clients (team add-user); owners see everything.
CREATE TABLE team_members (
    login   TEXT PRIMARY KEY,
    owner   BOOLEAN NOT NULL DEFAULT false,
    clients TEXT[] NOT NULL DEFAULT '{}'
);
