-- =============================================================================
-- carelog — 005_run_log.sql: every report and export run, logged
-- =============================================================================
--
-- SPEC §5: each report and export run is itself logged (who, what, parameters,
-- row counts), so that an auditor can tell which figures left the system, when,
-- and for whom. Append-only, like the audit trail: rows can be added, never
-- changed or removed.
-- =============================================================================

CREATE TABLE carelog.run_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ran_at        timestamptz NOT NULL DEFAULT now(),
    db_user       text NOT NULL DEFAULT session_user,
    os_user       text,
    command       text NOT NULL,
    parameters    jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- Rows per output (report name or file name), e.g. {"group-attendance": 12}.
    row_counts    jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- The snapshot the outputs were read from (UTC), when there was one.
    snapshot_time text
);

COMMENT ON TABLE carelog.run_log IS
    'One row per report or export run: when, database user, operating-system user, command, parameters and row counts. Append-only.';

CREATE FUNCTION carelog.run_log_refuse_change()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION 'the run log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Runs are recorded once and never changed.';
END;
$$;

CREATE TRIGGER run_log_append_only_row
    BEFORE UPDATE OR DELETE ON carelog.run_log
    FOR EACH ROW EXECUTE FUNCTION carelog.run_log_refuse_change();

CREATE TRIGGER run_log_append_only_statement
    BEFORE TRUNCATE ON carelog.run_log
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.run_log_refuse_change();

CREATE INDEX run_log_ran_at_idx ON carelog.run_log (ran_at);
