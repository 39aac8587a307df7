-- =============================================================================
-- carelog — 014_site_timezone_check_per_statement.sql: a site's time zone is
-- checked once per distinct name a statement writes, not once per row
-- =============================================================================
--
-- Why
--
--   001's CHECK (carelog.is_valid_timezone(timezone)) runs for every site row
--   written, and each call reads pg_timezone_names, which lists (and parses)
--   every file of the server's zone database: about 56 ms a row on this
--   machine (2 cores, load average about 5). A psql INSERT of 1,000 sites took
--   56 s, `carelog import sites` of 1,000 rows 113 s (the import's own rule
--   called it once more per row); 10,000 sites would take about 19 minutes.
--   "Sites are few" was the assumption; a directory of sites breaks it.
--
-- What changes
--
--   The CHECK becomes a statement trigger after INSERT and after UPDATE with a
--   transition table: it checks each DISTINCT time zone the statement wrote (a
--   file of 10,000 sites names a handful), with the same function, so the rule is
--   exactly 001's (an IANA name known to this server, spelled exactly; STABLE, it
--   follows the installed zone database). Every writer still goes through it —
--   psql, a restore, the importer — and it is ENABLE ALWAYS, so it fires under
--   session_replication_role = replica too, as the CHECK did. The error is the
--   CHECK's: SQLSTATE 23514 (check_violation), constraint site_timezone_check,
--   table site, column timezone, naming the first wrong name (sorted) in DETAIL.
--
--   What a trigger cannot do that a CHECK did: be impossible to switch off. A
--   superuser (or carelog_owner) can DISABLE TRIGGER, as it could DROP CONSTRAINT;
--   pg_restore --disable-triggers of a data-only dump skips it (a zone unknown to
--   the new server then shows when the site is used: AT TIME ZONE fails loudly).
--
--   Rows of an UPDATE that did not change the time zone are checked again (a
--   transition table has no column list); distinct names keep that cheap.
--
-- Applied by a superuser (008); the migrator hands the new objects to the owner.
-- =============================================================================

ALTER TABLE carelog.site DROP CONSTRAINT site_timezone_check;

CREATE FUNCTION carelog.site_check_timezone()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    wrong text;
BEGIN
    -- OFFSET 0 keeps the planner from pushing the test below the DISTINCT (it
    -- would then run once per row again).
    SELECT d.timezone INTO wrong
      FROM (SELECT DISTINCT n.timezone FROM new_rows AS n OFFSET 0) AS d
     WHERE NOT carelog.is_valid_timezone(d.timezone)
     ORDER BY d.timezone
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'new row for relation "site" violates check constraint "site_timezone_check"'
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'site_timezone_check',
                  SCHEMA = 'carelog',
                  TABLE = 'site',
                  COLUMN = 'timezone',
                  DETAIL = format('%L is not a time zone name this server knows (IANA spelling, case matters).', wrong);
    END IF;
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION carelog.site_check_timezone() IS
    'Statement trigger on site: every distinct time zone written is an IANA name known to this server (carelog.is_valid_timezone); raises check_violation "site_timezone_check" otherwise.';

CREATE TRIGGER site_check_timezone_insert
    AFTER INSERT ON carelog.site
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.site_check_timezone();
CREATE TRIGGER site_check_timezone_update
    AFTER UPDATE ON carelog.site
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.site_check_timezone();

ALTER TABLE carelog.site ENABLE ALWAYS TRIGGER site_check_timezone_insert;
ALTER TABLE carelog.site ENABLE ALWAYS TRIGGER site_check_timezone_update;
