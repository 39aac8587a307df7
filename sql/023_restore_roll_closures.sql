-- =============================================================================
-- carelog — 023_restore_roll_closures.sql: a closed roll comes back through
-- import bundle as it was
-- =============================================================================
--
-- The auditor export now writes roll-closures.csv (who closed an open group's roll,
-- when) and import bundle reads it back, as it does the notes. Until now the stamp
-- trigger (sql/019) replaced closed_by and closed_at with the acting staff member and
-- now() whenever one was set: an import bundle run with --by (which names who is
-- restoring, for the audit trail) would have dated every restored closing to the
-- restore. A session that restores records as they were (carelog.restoring_notes():
-- the owner or a superuser with carelog.restore_notes = on, never a login) now keeps
-- the closing's own staff member and time; every other writer is stamped as before.
-- The other checks (an open group's held session, closed after it started) hold for
-- every writer, a restore included.
-- =============================================================================

CREATE OR REPLACE FUNCTION carelog.roll_closure_stamp()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_session record;
    v_staff   bigint;
BEGIN
    SELECT s.status, s.starts_at, g.kind INTO v_session
      FROM carelog.group_session AS s
      JOIN carelog.care_group AS g ON g.id = s.group_id
     WHERE s.id = NEW.session_id;
    IF v_session.kind IS DISTINCT FROM 'open' THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'roll_closure_open_group',
            SCHEMA = 'carelog', TABLE = 'roll_closure',
            MESSAGE = format('%s is a session of a closed group: its roll is its records, there is nothing to close',
                             carelog.session_label(NEW.session_id)),
            HINT = 'Nothing was written. Only the roll of an open group (a sign-in list) is closed.';
    END IF;
    IF v_session.status IS DISTINCT FROM 'held' THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'roll_closure_session_held',
            SCHEMA = 'carelog', TABLE = 'roll_closure',
            MESSAGE = format('%s was not held: it has no roll to close', carelog.session_label(NEW.session_id)),
            HINT = 'Nothing was written.';
    END IF;
    v_staff := carelog.acting_staff_member_id();
    -- A restore (import bundle as the owner, carelog.restore_notes, sql/020) writes the
    -- closing as it was, whoever --by names for the audit trail; a login's is stamped.
    IF (v_staff IS NOT NULL OR carelog.session_is_login()) AND NOT carelog.restoring_notes() THEN
        IF v_staff IS NULL THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'roll_closure_closed_by',
                SCHEMA = 'carelog', TABLE = 'roll_closure',
                MESSAGE = 'a roll is closed by a staff member: no acting staff member is set',
                HINT = 'Nothing was written. Give --by (psql: SET LOCAL carelog.acting_staff = ''T042'').';
        END IF;
        NEW.closed_by_id := v_staff;
        NEW.closed_at := now();
        NEW.db_user := session_user;
    END IF;
    IF v_session.starts_at > NEW.closed_at THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'roll_closure_session_started',
            SCHEMA = 'carelog', TABLE = 'roll_closure',
            MESSAGE = format('%s has not started yet: its roll is closed once people have signed in',
                             carelog.session_label(NEW.session_id)),
            HINT = 'Nothing was written.';
    END IF;
    RETURN NEW;
END;
$$;
