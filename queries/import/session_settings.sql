-- Settings of an import's transaction, before its first temporary table: the staging
-- and resolved tables of a million-row file (about 150 MB) stay in the session's own
-- buffers instead of going through the operating system's, and the joins and sorts of
-- the checks (duplicate keys, rules) run in memory. temp_buffers can be set only
-- before the session first uses a temporary table, or to the value it already has: in
-- a session that has used one already (a migration applied by the same command, an
-- earlier transaction of the same session) the import keeps the session's value
-- rather than failing — slower for a very large file, never refused (SQLSTATE 22023).
-- Notes are written as they were, signed with their signers and times, when the
-- import runs as the database's owner (carelog.restore_notes, sql/020; a login's
-- notes are stamped whatever this says).
-- No parameters.
DO $settings$
BEGIN
    PERFORM set_config('work_mem', '64MB', true);
    PERFORM set_config('carelog.restore_notes', 'on', true);
    BEGIN
        PERFORM set_config('temp_buffers', '256MB', true);
    EXCEPTION WHEN invalid_parameter_value THEN
        NULL;
    END;
END
$settings$
