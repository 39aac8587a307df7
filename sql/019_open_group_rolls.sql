-- =============================================================================
-- carelog — 019_open_group_rolls.sql: an open group's roll is closed by its
-- facilitator (issue 22, item 5; docs/open-groups.md)
-- =============================================================================
--
-- An open group (care_group.kind = 'open', a 12-step meeting) has no enrolment:
-- whoever comes signs in. Its records say who signed in, never who was expected,
-- so "logged" cannot mean "has a record": 3 sign-ins out of 61 regulars is a
-- complete roll or a third of one. It means the facilitator closed the roll.
--
--   roll_closure  one row per closed roll: the session, who closed it and when
--                 (stamped by the server), the login. Append-only: a closed roll
--                 is never reopened.
--
-- Rules for every writer, psql and the owner included (ENABLE ALWAYS triggers):
--
--   * Only the roll of a held session of an open group that has started is closed.
--   * closed_by and closed_at are the acting staff member and now(), whatever the
--     client sends. A session that is no login (the owner: migrations, the seed)
--     without an acting staff member keeps the values it gives.
--   * After the roll is closed, a new attendance record of the session (a late
--     sign-in) is a correction: it needs a reason (carelog.change_reason, as for
--     every correction, sql/016) and carries it, with who added it and when, in
--     correction_reason, corrected_by_id and corrected_at.
--
-- Access, like the session's other writes (sql/016): a therapist closes the rolls
-- of the sessions it facilitates (the group's facilitator or co-facilitator, or
-- the session's named facilitator); a director those of its site (all, when not
-- limited to a site); an auditor reads. A login reads a closing when it reads the
-- session.
--
-- Rolls of open sessions logged before this migration (any record) are closed
-- here, by the session's facilitator at the time of its last record: under the
-- old rule that was what "logged" meant.
-- =============================================================================

CREATE TABLE carelog.roll_closure (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id    bigint NOT NULL,
    closed_by_id  bigint NOT NULL,
    closed_at     timestamptz NOT NULL DEFAULT now(),
    db_user       text NOT NULL DEFAULT session_user,
    CONSTRAINT roll_closure_session_key       UNIQUE (session_id),
    CONSTRAINT roll_closure_session_fkey      FOREIGN KEY (session_id) REFERENCES carelog.group_session (id),
    CONSTRAINT roll_closure_closed_by_fkey    FOREIGN KEY (closed_by_id) REFERENCES carelog.staff (id)
);
CREATE INDEX roll_closure_closed_by_idx ON carelog.roll_closure (closed_by_id);

COMMENT ON TABLE carelog.roll_closure IS
    'The closed rolls of open-group sessions: the facilitator said the sign-ins are complete. Append-only. After it, a new attendance record of the session needs a reason (a correction).';


-- -----------------------------------------------------------------------------
-- Closing: what may be closed; the server stamps who and when
-- -----------------------------------------------------------------------------

CREATE FUNCTION carelog.roll_closure_stamp()
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
    IF v_staff IS NOT NULL OR carelog.session_is_login() THEN
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

CREATE TRIGGER roll_closure_stamp
    BEFORE INSERT ON carelog.roll_closure
    FOR EACH ROW EXECUTE FUNCTION carelog.roll_closure_stamp();
CREATE TRIGGER roll_closure_append_only_row
    BEFORE UPDATE OR DELETE ON carelog.roll_closure
    FOR EACH ROW EXECUTE FUNCTION carelog.refuse_change_append_only();
CREATE TRIGGER roll_closure_append_only_statement
    BEFORE TRUNCATE ON carelog.roll_closure
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_change_append_only();
ALTER TABLE carelog.roll_closure
    ENABLE ALWAYS TRIGGER roll_closure_stamp,
    ENABLE ALWAYS TRIGGER roll_closure_append_only_row,
    ENABLE ALWAYS TRIGGER roll_closure_append_only_statement;


-- -----------------------------------------------------------------------------
-- A record added after the roll was closed is a correction with a reason
-- -----------------------------------------------------------------------------

CREATE FUNCTION carelog.attendance_after_closed_roll()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_reason text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM carelog.roll_closure AS r WHERE r.session_id = NEW.session_id) THEN
        RETURN NEW;
    END IF;
    v_reason := carelog.change_reason();
    IF v_reason IS NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'attendance_roll_closed',
            SCHEMA = 'carelog', TABLE = 'attendance',
            MESSAGE = format('the roll of %s is closed: a later sign-in is a correction with a reason',
                             carelog.session_label(NEW.session_id)),
            HINT = 'Nothing was written. carelog: attendance record … --correct --reason "…"; psql: SET LOCAL carelog.change_reason = ''…''.';
    END IF;
    NEW.correction_reason := v_reason;
    NEW.corrected_by_id := coalesce(carelog.acting_staff_member_id(), NEW.recorded_by_id);
    NEW.corrected_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER attendance_after_closed_roll
    BEFORE INSERT ON carelog.attendance
    FOR EACH ROW EXECUTE FUNCTION carelog.attendance_after_closed_roll();
ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_after_closed_roll;


-- -----------------------------------------------------------------------------
-- Row-level security and grants: like the session's other writes
-- -----------------------------------------------------------------------------

ALTER TABLE carelog.roll_closure ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

-- A login reads a closing when it reads the session (group_session's own policies).
CREATE POLICY therapist_read ON carelog.roll_closure
    FOR SELECT TO carelog_therapist
    USING (session_id IN (SELECT s.id FROM carelog.group_session AS s));
CREATE POLICY therapist_close ON carelog.roll_closure
    FOR INSERT TO carelog_therapist
    WITH CHECK (session_id IN (SELECT carelog.facilitated_session_ids()));
CREATE POLICY director_read ON carelog.roll_closure
    FOR SELECT TO carelog_director
    USING (session_id IN (SELECT s.id FROM carelog.group_session AS s));
CREATE POLICY director_close ON carelog.roll_closure
    FOR INSERT TO carelog_director
    WITH CHECK (session_id IN (SELECT s.id FROM carelog.group_session AS s));
CREATE POLICY auditor_read ON carelog.roll_closure
    FOR SELECT TO carelog_auditor
    USING ((SELECT carelog.login_role()) = 'auditor');

GRANT SELECT ON carelog.roll_closure TO carelog_therapist, carelog_director, carelog_auditor;
GRANT INSERT ON carelog.roll_closure TO carelog_therapist, carelog_director;

-- -----------------------------------------------------------------------------
-- Rolls logged under the old rule (any record) are closed: before the table is
-- audited, like every other migration's change of existing data (the trail keeps
-- what writers did; the migration is in schema_migration)
-- -----------------------------------------------------------------------------

INSERT INTO carelog.roll_closure (session_id, closed_by_id, closed_at)
SELECT s.id, s.facilitator_id, greatest(max(a.recorded_at), s.starts_at)
  FROM carelog.group_session AS s
  JOIN carelog.care_group AS g ON g.id = s.group_id AND g.kind = 'open'
  JOIN carelog.attendance AS a ON a.session_id = s.id
 WHERE s.status = 'held' AND s.starts_at <= now()
 GROUP BY s.id;

SELECT carelog.audit_attach('carelog.roll_closure');

INSERT INTO carelog.column_class (table_name, column_name, class, pseudonymized, deidentified) VALUES
    ('roll_closure', 'id', 'identifier', 'kept', 'dropped'),
    ('roll_closure', 'session_id', 'identifier', 'kept', 'dropped'),
    ('roll_closure', 'closed_by_id', 'identifier', 'kept', 'dropped'),
    ('roll_closure', 'closed_at', 'quasi_identifier', 'kept', 'year'),
    ('roll_closure', 'db_user', 'identifier', 'login', 'dropped');
