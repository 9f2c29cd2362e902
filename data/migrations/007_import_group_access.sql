-- Import groups come under team mode's row-level security (a staff login
-- sees and undoes only groups whose every batch it can see): the function
-- that counts a group's batches whoever asks is PostgreSQL's alone
-- (postgres/007_import_group_access.sql); the version makes a team database
-- apply its policies again. Nothing changes in a SQLite file.
SELECT 1;
