-- =============================================================================
-- carelog — 016_record_integrity.sql: no write beyond one's scope, no silent
-- rewrite of the past
-- =============================================================================
--
-- Rules for every writer (psql included), described in docs/record-integrity.md:
--
--   Sessions      a therapist writes sessions only of the groups it facilitates
--                 (the group's facilitator or a listed co-facilitator), and never
--                 sets the facilitator: a session it creates names itself, and it
--                 cannot change a session's facilitator.
--   Attendance    a therapist adds records for its caseload, or for patients it may
--                 read in a session it facilitates; only the session's facilitators
--                 (or a director) correct or void them. A correction keeps the
--                 original recorder and time and gains corrected_by / corrected_at /
--                 correction_reason; a void removes the record (so it leaves every
--                 count) and keeps it, with its reason, in attendance_void and the
--                 audit trail. Both need a reason (carelog.change_reason).
--   Closed months a director closes a site's month (closed_period); afterwards its
--                 attendance and plan reviews change only by a director, with a reason.
--   Rule errors   name only what the caller may read (login_reads_patient).
--   Disclosures   and run-log rows: login, time and acting staff member are set by
--                 the server; a disclosure lists only patients its maker may read,
--                 in the transaction that recorded it; every row is audited; a
--                 director limited to a site reads the disclosures of its site.
--   Logins        a disabled login's open sessions end, and a session that is not
--                 an active login reads no reference data either.
--   Auditors      may record their own runs and disclosures (never clinical rows).
-- =============================================================================


-- -----------------------------------------------------------------------------
-- Who may read a patient: one definition for error messages
-- -----------------------------------------------------------------------------

-- Whether the session is a carelog login at all (active or not): the owner, a
-- superuser or a maintenance session is not, and is bound by the schema's rules
-- but not by a role's.
CREATE FUNCTION carelog.session_is_login()
RETURNS boolean
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT EXISTS (SELECT 1 FROM carelog.app_user AS u WHERE u.login = session_user);
END;

-- Whether the session's login may read patient p_patient_id through row-level
-- security (the patient policies of 008): an auditor and an unlimited director
-- every patient, a director limited to a site that site's, a therapist those of
-- carelog.therapist_patient_ids(). A session that is no carelog login at all (the
-- owner, a superuser, maintenance) reads everything; a disabled login nothing.
-- Rules' error texts ask it before naming a patient; a test compares it with
-- what each role's SELECT returns, so the two cannot drift apart.
CREATE FUNCTION carelog.login_reads_patient(p_patient_id bigint)
RETURNS boolean
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT CASE
        WHEN NOT carelog.session_is_login() THEN true
        ELSE coalesce((
            SELECT CASE
                       WHEN NOT u.active THEN false
                       WHEN u.role = 'auditor' THEN true
                       WHEN u.role = 'director' THEN u.site_id IS NULL OR u.site_id = p.site_id
                       ELSE p.id IN (SELECT carelog.therapist_patient_ids())
                   END
              FROM carelog.app_user AS u, carelog.patient AS p
             WHERE u.login = session_user AND p.id = p_patient_id), false)
    END;
END;

COMMENT ON FUNCTION carelog.login_reads_patient(bigint) IS
    'Whether the session''s login may read the patient (the patient policies of 008, restated for error messages; a test keeps them equal).';

REVOKE ALL ON FUNCTION carelog.login_reads_patient(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.login_reads_patient(bigint) TO carelog_therapist, carelog_director, carelog_auditor;


-- -----------------------------------------------------------------------------
-- Co-facilitators
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.group_cofacilitator (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id         bigint NOT NULL,
    staff_member_id  bigint NOT NULL,
    CONSTRAINT group_cofacilitator_key UNIQUE (group_id, staff_member_id),
    CONSTRAINT group_cofacilitator_group_fkey FOREIGN KEY (group_id) REFERENCES carelog.care_group (id),
    CONSTRAINT group_cofacilitator_staff_fkey FOREIGN KEY (staff_member_id) REFERENCES carelog.staff (id)
);

COMMENT ON TABLE carelog.group_cofacilitator IS
    'Staff members who run a group beside its facilitator (import cofacilitators): they write its sessions and attendance like the facilitator.';

CREATE INDEX group_cofacilitator_staff_idx ON carelog.group_cofacilitator (staff_member_id);

ALTER TABLE carelog.group_cofacilitator ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY read_reference ON carelog.group_cofacilitator
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING (true);
CREATE POLICY director_write ON carelog.group_cofacilitator
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL
           OR group_id IN (SELECT g.id FROM carelog.care_group AS g WHERE g.site_id = (SELECT carelog.login_site_id())))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL
           OR group_id IN (SELECT g.id FROM carelog.care_group AS g WHERE g.site_id = (SELECT carelog.login_site_id())));
GRANT SELECT ON carelog.group_cofacilitator TO carelog_therapist, carelog_director, carelog_auditor;
GRANT INSERT, UPDATE, DELETE ON carelog.group_cofacilitator TO carelog_director;
SELECT carelog.audit_attach('carelog.group_cofacilitator');

-- Groups the login's staff member facilitates: as the group's facilitator or as a
-- listed co-facilitator.
CREATE OR REPLACE FUNCTION carelog.facilitated_group_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 10
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT g.id FROM carelog.care_group AS g WHERE g.facilitator_id = carelog.login_staff_id()
    UNION
    SELECT c.group_id FROM carelog.group_cofacilitator AS c WHERE c.staff_member_id = carelog.login_staff_id();
END;

-- Sessions of those groups, and sessions a director named the login's staff
-- member facilitator of (a substitute).
CREATE OR REPLACE FUNCTION carelog.facilitated_session_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 2000
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT s.id
      FROM carelog.group_session AS s
     WHERE s.facilitator_id = carelog.login_staff_id()
    UNION
    SELECT s.id
      FROM carelog.group_session AS s
     WHERE s.group_id IN (SELECT carelog.facilitated_group_ids());
END;


-- -----------------------------------------------------------------------------
-- Sessions: a therapist writes those of its groups, as their facilitator
-- -----------------------------------------------------------------------------

DROP POLICY therapist_all ON carelog.group_session;

CREATE POLICY therapist_read ON carelog.group_session
    FOR SELECT TO carelog_therapist
    USING (group_id IN (SELECT carelog.facilitated_group_ids())
           OR facilitator_id = (SELECT carelog.login_staff_id())
           OR id IN (SELECT carelog.caseload_session_ids()));
CREATE POLICY therapist_insert ON carelog.group_session
    FOR INSERT TO carelog_therapist
    WITH CHECK (group_id IN (SELECT carelog.facilitated_group_ids())
                AND facilitator_id = (SELECT carelog.login_staff_id()));
CREATE POLICY therapist_update ON carelog.group_session
    FOR UPDATE TO carelog_therapist
    USING (group_id IN (SELECT carelog.facilitated_group_ids()))
    WITH CHECK (group_id IN (SELECT carelog.facilitated_group_ids()));

-- Only a director (or the owner) names who facilitated a session.
CREATE FUNCTION carelog.group_session_keep_facilitator()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    IF carelog.login_role() IS DISTINCT FROM 'director' AND carelog.session_is_login() THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = 'only a director changes who facilitated a session',
            HINT    = 'Nothing was written. Ask a director to name the substitute.';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER group_session_keep_facilitator
    BEFORE UPDATE OF facilitator_id ON carelog.group_session
    FOR EACH ROW
    WHEN (OLD.facilitator_id IS DISTINCT FROM NEW.facilitator_id)
    EXECUTE FUNCTION carelog.group_session_keep_facilitator();
ALTER TABLE carelog.group_session ENABLE ALWAYS TRIGGER group_session_keep_facilitator;


-- -----------------------------------------------------------------------------
-- Attendance: who writes which rows
-- -----------------------------------------------------------------------------

DROP POLICY therapist_all ON carelog.attendance;

CREATE POLICY therapist_read ON carelog.attendance
    FOR SELECT TO carelog_therapist
    USING (patient_id IN (SELECT carelog.caseload_patient_ids())
           OR session_id IN (SELECT carelog.facilitated_session_ids()));
-- A new record: its own caseload anywhere, or a patient it may read in a session
-- it facilitates; always as itself.
CREATE POLICY therapist_insert ON carelog.attendance
    FOR INSERT TO carelog_therapist
    WITH CHECK ((patient_id IN (SELECT carelog.caseload_patient_ids())
                 OR (session_id IN (SELECT carelog.facilitated_session_ids())
                     AND patient_id IN (SELECT carelog.therapist_patient_ids())))
                AND recorded_by_id = (SELECT carelog.login_staff_id()));
-- A correction or a void: the session's facilitators only.
CREATE POLICY therapist_update ON carelog.attendance
    FOR UPDATE TO carelog_therapist
    USING (session_id IN (SELECT carelog.facilitated_session_ids()))
    WITH CHECK (session_id IN (SELECT carelog.facilitated_session_ids())
                AND patient_id IN (SELECT carelog.therapist_patient_ids()));
CREATE POLICY therapist_void ON carelog.attendance
    FOR DELETE TO carelog_therapist
    USING (session_id IN (SELECT carelog.facilitated_session_ids()));
GRANT DELETE ON carelog.attendance TO carelog_therapist;

-- A director limited to a site writes records of its own site's patients only.
DROP POLICY director_all ON carelog.attendance;
CREATE POLICY director_all ON carelog.attendance
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL
           OR patient_id IN (SELECT carelog.site_patient_ids())
           OR session_id IN (SELECT s.id FROM carelog.group_session AS s))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL
           OR (patient_id IN (SELECT carelog.site_patient_ids())
               AND session_id IN (SELECT s.id FROM carelog.group_session AS s)));


-- -----------------------------------------------------------------------------
-- Rule errors name only what the caller may read
-- -----------------------------------------------------------------------------

-- The rules themselves stay those of 007 (renamed); every trigger calls this
-- wrapper, which withholds the details when the rows name a patient the login may
-- not read, so that the error cannot be used to look patients up.
ALTER FUNCTION carelog.assert_attendance_rules(bigint[], bigint[], text) RENAME TO assert_attendance_rules_detailed;

CREATE FUNCTION carelog.assert_attendance_rules(
    p_session_ids bigint[],
    p_patient_ids bigint[],
    p_table       text DEFAULT 'attendance')
RETURNS void
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_constraint text;
    v_message    text;
    v_detail     text;
    v_hint       text;
BEGIN
    IF p_session_ids IS NULL OR cardinality(p_session_ids) = 0 THEN
        RETURN;
    END IF;
    BEGIN
        PERFORM carelog.assert_attendance_rules_detailed(p_session_ids, p_patient_ids, p_table);
    EXCEPTION WHEN check_violation THEN
        GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME, v_message = MESSAGE_TEXT,
                                v_detail = PG_EXCEPTION_DETAIL, v_hint = PG_EXCEPTION_HINT;
        IF EXISTS (SELECT 1 FROM unnest(p_patient_ids) AS n(patient_id)
                    WHERE NOT carelog.login_reads_patient(n.patient_id)) THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation',
                SCHEMA  = 'carelog',
                TABLE   = p_table,
                MESSAGE = 'this change would break an attendance rule for a patient this login may not read',
                HINT    = 'Nothing was written. Record attendance only for patients you can see (your caseload, your groups).';
        END IF;
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = v_constraint, SCHEMA = 'carelog', TABLE = p_table,
            MESSAGE = v_message, DETAIL = v_detail, HINT = v_hint;
    END;
END;
$$;

COMMENT ON FUNCTION carelog.assert_attendance_rules(bigint[], bigint[], text) IS
    'The attendance rules (assert_attendance_rules_detailed), with their details withheld when the rows name a patient the login may not read.';
REVOKE ALL ON FUNCTION carelog.assert_attendance_rules(bigint[], bigint[], text) FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.assert_attendance_rules_detailed(bigint[], bigint[], text) FROM PUBLIC;


-- -----------------------------------------------------------------------------
-- Corrections, voids and closed months
-- -----------------------------------------------------------------------------

ALTER TABLE carelog.attendance
    ADD COLUMN corrected_by_id   bigint,
    ADD COLUMN corrected_at      timestamptz,
    ADD COLUMN correction_reason text,
    ADD CONSTRAINT attendance_corrected_by_fkey FOREIGN KEY (corrected_by_id) REFERENCES carelog.staff (id);

COMMENT ON COLUMN carelog.attendance.recorded_by_id IS
    'Who first recorded the record; a correction never changes it (corrected_by_id says who changed it).';
COMMENT ON COLUMN carelog.attendance.correction_reason IS
    'Why the record was last corrected (status or minutes changed after it was recorded); NULL when never corrected.';

-- A site's month, closed by a director once its reports are out.
CREATE TABLE carelog.closed_period (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id       bigint NOT NULL,
    month         date NOT NULL,
    closed_at     timestamptz NOT NULL DEFAULT now(),
    db_user       text NOT NULL DEFAULT session_user,
    closed_by_id  bigint,
    CONSTRAINT closed_period_key UNIQUE (site_id, month),
    CONSTRAINT closed_period_site_fkey FOREIGN KEY (site_id) REFERENCES carelog.site (id),
    CONSTRAINT closed_period_staff_fkey FOREIGN KEY (closed_by_id) REFERENCES carelog.staff (id),
    CONSTRAINT closed_period_month_check CHECK (month = date_trunc('month', month)::date)
);

COMMENT ON TABLE carelog.closed_period IS
    'Months closed per site (carelog period close): their attendance and plan reviews change only by a director with a reason. Append-only.';

-- The staff member a change is recorded as made by (the audit trail's), as an id.
CREATE FUNCTION carelog.acting_staff_member_id()
RETURNS bigint
LANGUAGE sql
STABLE
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT s.id FROM carelog.staff AS s WHERE s.staff_id = carelog.audit_acting_staff();
END;

-- The reason a correction, a void or a change to a closed month was made: the
-- transaction's setting carelog.change_reason (carelog's --reason), or NULL.
CREATE FUNCTION carelog.change_reason()
RETURNS text
LANGUAGE sql
STABLE
RETURN nullif(btrim(current_setting('carelog.change_reason', true)), '');

-- Raises unless a change to the closed month p_month of site p_site_id may go
-- ahead: by a director (or a session that is no carelog login), with a reason.
CREATE FUNCTION carelog.assert_may_change_closed_month(p_site_id bigint, p_month date, p_what text)
RETURNS void
LANGUAGE plpgsql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_site text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM carelog.closed_period AS c WHERE c.site_id = p_site_id AND c.month = p_month) THEN
        RETURN;
    END IF;
    SELECT s.site_code INTO v_site FROM carelog.site AS s WHERE s.id = p_site_id;
    IF carelog.login_role() IS DISTINCT FROM 'director' AND carelog.session_is_login() THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = format('%s of %s at site %s: the month is closed, and only a director changes it',
                             p_what, to_char(p_month, 'YYYY-MM'), v_site),
            HINT    = 'Nothing was written. Ask a director to make the change with --correct --reason.';
    END IF;
    IF carelog.change_reason() IS NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation',
            CONSTRAINT = 'closed_period_change_reason',
            MESSAGE = format('%s of %s at site %s: the month is closed, and a change to it needs a reason',
                             p_what, to_char(p_month, 'YYYY-MM'), v_site),
            HINT    = 'Nothing was written. Give --reason (psql: SET LOCAL carelog.change_reason = ''…'').';
    END IF;
END;
$$;

-- A correction: the original recorder and time are kept, the corrector, time and
-- reason recorded. A write that changes nothing clinical (an import sending the
-- same status again, a month's refiling) keeps the row as it was. A correction
-- without a reason is refused after the row's own checks (an AFTER trigger), so
-- that a status outside the list is still refused by its CHECK's name.
CREATE FUNCTION carelog.attendance_correct()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_site   bigint;
BEGIN
    NEW.recorded_by_id := OLD.recorded_by_id;
    NEW.recorded_at    := OLD.recorded_at;
    IF (NEW.status, NEW.minutes_attended, NEW.patient_id, NEW.session_id)
       IS NOT DISTINCT FROM (OLD.status, OLD.minutes_attended, OLD.patient_id, OLD.session_id) THEN
        NEW.corrected_by_id   := OLD.corrected_by_id;
        NEW.corrected_at      := OLD.corrected_at;
        NEW.correction_reason := OLD.correction_reason;
        RETURN NEW;
    END IF;
    NEW.correction_reason := CASE WHEN NEW.correction_reason IS DISTINCT FROM OLD.correction_reason
                                  THEN nullif(btrim(NEW.correction_reason), '')
                                  ELSE carelog.change_reason() END;
    IF NEW.correction_reason IS NOT NULL THEN
        SELECT g.site_id INTO v_site
          FROM carelog.group_session AS s JOIN carelog.care_group AS g ON g.id = s.group_id
         WHERE s.id = OLD.session_id;
        PERFORM carelog.assert_may_change_closed_month(v_site, OLD.session_month, 'attendance');
    END IF;
    NEW.corrected_by_id := carelog.acting_staff_member_id();
    NEW.corrected_at    := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER attendance_correct
    BEFORE UPDATE ON carelog.attendance
    FOR EACH ROW EXECUTE FUNCTION carelog.attendance_correct();
ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_correct;

CREATE FUNCTION carelog.attendance_refuse_unexplained_correction()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = 'check_violation',
        CONSTRAINT = 'attendance_correction_reason',
        SCHEMA = 'carelog', TABLE = 'attendance',
        MESSAGE = 'a recorded attendance is changed only as a correction with a reason',
        HINT = 'Nothing was written. carelog: attendance record --correct --reason "…"; psql: SET LOCAL carelog.change_reason = ''…''.';
END;
$$;

CREATE TRIGGER attendance_refuse_unexplained_correction
    AFTER UPDATE ON carelog.attendance
    FOR EACH ROW
    WHEN ((NEW.status, NEW.minutes_attended, NEW.patient_id, NEW.session_id)
          IS DISTINCT FROM (OLD.status, OLD.minutes_attended, OLD.patient_id, OLD.session_id)
          AND NEW.correction_reason IS NULL)
    EXECUTE FUNCTION carelog.attendance_refuse_unexplained_correction();
ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_refuse_unexplained_correction;

-- Voided records: what was removed, by whom, when and why.
CREATE TABLE carelog.attendance_void (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    attendance_id     bigint NOT NULL,
    session_id        bigint NOT NULL,
    patient_id        bigint NOT NULL,
    status            text NOT NULL,
    minutes_attended  integer,
    recorded_by_id    bigint NOT NULL,
    recorded_at       timestamptz NOT NULL,
    session_month     date NOT NULL,
    voided_at         timestamptz NOT NULL DEFAULT now(),
    db_user           text NOT NULL DEFAULT session_user,
    voided_by_id      bigint,
    reason            text NOT NULL,
    CONSTRAINT attendance_void_session_fkey FOREIGN KEY (session_id) REFERENCES carelog.group_session (id),
    CONSTRAINT attendance_void_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient (id),
    CONSTRAINT attendance_void_reason_check CHECK (btrim(reason) <> '')
);

COMMENT ON TABLE carelog.attendance_void IS
    'Attendance records removed as wrong (carelog attendance void): the record as it was, who voided it, when and why. Append-only.';

CREATE INDEX attendance_void_patient_idx ON carelog.attendance_void (patient_id);
CREATE INDEX attendance_void_session_idx ON carelog.attendance_void (session_id);

-- Every deleted record is a void: it needs a reason, and a closed month a
-- director. (A statement trigger: a row moved to another month's partition is
-- deleted and inserted internally, and fires no DELETE statement trigger.)
CREATE FUNCTION carelog.attendance_record_void()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_reason text := carelog.change_reason();
    r        record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
        RETURN NULL;
    END IF;
    IF v_reason IS NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation',
            CONSTRAINT = 'attendance_void_reason',
            SCHEMA = 'carelog', TABLE = 'attendance',
            MESSAGE = 'an attendance record is removed only as a void with a reason',
            HINT = 'Nothing was written. carelog: attendance void --reason "…"; psql: SET LOCAL carelog.change_reason = ''…''.';
    END IF;
    FOR r IN SELECT DISTINCT g.site_id, o.session_month
               FROM old_rows AS o
               JOIN carelog.group_session AS s ON s.id = o.session_id
               JOIN carelog.care_group AS g ON g.id = s.group_id
    LOOP
        PERFORM carelog.assert_may_change_closed_month(r.site_id, r.session_month, 'attendance');
    END LOOP;
    INSERT INTO carelog.attendance_void
           (attendance_id, session_id, patient_id, status, minutes_attended, recorded_by_id, recorded_at,
            session_month, voided_by_id, reason)
    SELECT o.id, o.session_id, o.patient_id, o.status, o.minutes_attended, o.recorded_by_id, o.recorded_at,
           o.session_month, carelog.acting_staff_member_id(), v_reason
      FROM old_rows AS o;
    RETURN NULL;
END;
$$;

CREATE TRIGGER attendance_record_void
    AFTER DELETE ON carelog.attendance
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_record_void();
ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_record_void;

-- New records in a closed month: a director's, with a reason.
CREATE FUNCTION carelog.attendance_check_closed_months()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM carelog.closed_period) THEN
        RETURN NULL;
    END IF;
    FOR r IN SELECT DISTINCT g.site_id, n.session_month
               FROM (SELECT DISTINCT session_id, session_month FROM new_rows) AS n
               JOIN carelog.group_session AS s ON s.id = n.session_id
               JOIN carelog.care_group AS g ON g.id = s.group_id
               JOIN carelog.closed_period AS c ON c.site_id = g.site_id AND c.month = n.session_month
    LOOP
        PERFORM carelog.assert_may_change_closed_month(r.site_id, r.session_month, 'attendance');
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE TRIGGER attendance_check_closed_months
    AFTER INSERT ON carelog.attendance
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_closed_months();
ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_check_closed_months;

-- Plan reviews of a closed month: a director's, with a reason.
CREATE FUNCTION carelog.plan_review_check_closed_month()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM carelog.assert_may_change_closed_month(
                    (SELECT p.site_id FROM carelog.treatment_plan AS tp JOIN carelog.patient AS p ON p.id = tp.patient_id
                      WHERE tp.id = OLD.plan_id),
                    date_trunc('month', OLD.reviewed_on)::date, 'a plan review');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM carelog.assert_may_change_closed_month(
                    (SELECT p.site_id FROM carelog.treatment_plan AS tp JOIN carelog.patient AS p ON p.id = tp.patient_id
                      WHERE tp.id = NEW.plan_id),
                    date_trunc('month', NEW.reviewed_on)::date, 'a plan review');
        RETURN NEW;
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER plan_review_check_closed_month
    BEFORE INSERT OR UPDATE OR DELETE ON carelog.plan_review
    FOR EACH ROW EXECUTE FUNCTION carelog.plan_review_check_closed_month();
ALTER TABLE carelog.plan_review ENABLE ALWAYS TRIGGER plan_review_check_closed_month;

-- closed_period and attendance_void: server-set who and when, append-only,
-- audited; read like the rows they speak of.
CREATE FUNCTION carelog.closed_period_stamp()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    NEW.closed_at    := now();
    NEW.db_user      := session_user;
    NEW.closed_by_id := carelog.acting_staff_member_id();
    RETURN NEW;
END;
$$;

CREATE TRIGGER closed_period_stamp
    BEFORE INSERT ON carelog.closed_period
    FOR EACH ROW EXECUTE FUNCTION carelog.closed_period_stamp();
ALTER TABLE carelog.closed_period ENABLE ALWAYS TRIGGER closed_period_stamp;

CREATE FUNCTION carelog.refuse_change_append_only()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog
AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'These rows are recorded once and never changed.';
END;
$$;

CREATE TRIGGER closed_period_append_only_row
    BEFORE UPDATE OR DELETE ON carelog.closed_period
    FOR EACH ROW EXECUTE FUNCTION carelog.refuse_change_append_only();
CREATE TRIGGER closed_period_append_only_statement
    BEFORE TRUNCATE ON carelog.closed_period
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_change_append_only();
CREATE TRIGGER attendance_void_append_only_row
    BEFORE UPDATE OR DELETE ON carelog.attendance_void
    FOR EACH ROW EXECUTE FUNCTION carelog.refuse_change_append_only();
CREATE TRIGGER attendance_void_append_only_statement
    BEFORE TRUNCATE ON carelog.attendance_void
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_change_append_only();

ALTER TABLE carelog.closed_period   ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE carelog.attendance_void ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

CREATE POLICY read_reference ON carelog.closed_period
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING (true);
CREATE POLICY director_close ON carelog.closed_period
    FOR INSERT TO carelog_director
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL OR site_id = (SELECT carelog.login_site_id()));
GRANT SELECT ON carelog.closed_period TO carelog_therapist, carelog_director, carelog_auditor;
GRANT INSERT ON carelog.closed_period TO carelog_director;

CREATE POLICY auditor_read ON carelog.attendance_void
    FOR SELECT TO carelog_auditor USING (true);
CREATE POLICY director_read ON carelog.attendance_void
    FOR SELECT TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL OR patient_id IN (SELECT carelog.site_patient_ids()));
CREATE POLICY therapist_read ON carelog.attendance_void
    FOR SELECT TO carelog_therapist
    USING (patient_id IN (SELECT carelog.caseload_patient_ids())
           OR session_id IN (SELECT carelog.facilitated_session_ids()));
GRANT SELECT ON carelog.attendance_void TO carelog_therapist, carelog_director, carelog_auditor;

SELECT carelog.audit_attach('carelog.closed_period');
SELECT carelog.audit_attach('carelog.attendance_void');


-- -----------------------------------------------------------------------------
-- Auditors record their own runs and disclosures
-- -----------------------------------------------------------------------------

-- As in 008, except that an auditor's login is its own acting staff member: it
-- still writes no clinical row (it has no such privilege), but its runs and
-- disclosures are recorded, and audited, as its own. Naming an auditor for
-- someone else's change stays refused.
CREATE OR REPLACE FUNCTION carelog.resolve_acting_staff(p_claimed text, OUT staff_id text, OUT problem text, OUT rule text)
LANGUAGE plpgsql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_login     record;
    v_claimed   text := nullif(p_claimed, '');
    v_role      text;
BEGIN
    SELECT u.role, u.active, s.staff_id INTO v_login
      FROM carelog.app_user AS u
      JOIN carelog.staff AS s ON s.id = u.staff_member_id
     WHERE u.login = session_user;

    IF FOUND THEN
        IF NOT v_login.active THEN
            problem := format('login %s is disabled', session_user);
            rule := 'disabled_login';
            RETURN;
        END IF;
        IF v_claimed IS NOT NULL AND v_claimed <> v_login.staff_id AND v_login.role <> 'director' THEN
            problem := format('login %s is staff member %s and cannot act as %s: only a director records for a colleague',
                              session_user, v_login.staff_id, v_claimed);
            rule := 'only_directors_act_for_others';
            RETURN;
        END IF;
        staff_id := coalesce(v_claimed, v_login.staff_id);
        IF v_login.role = 'auditor' AND staff_id = v_login.staff_id THEN
            RETURN;     -- its own runs and disclosures; grants keep it from clinical rows
        END IF;
    ELSE
        staff_id := v_claimed;
    END IF;

    IF staff_id IS NOT NULL THEN
        SELECT s.role INTO v_role FROM carelog.staff AS s WHERE s.staff_id = resolve_acting_staff.staff_id;
        IF NOT FOUND THEN
            problem := format('there is no staff ID "%s"', staff_id);
            rule := 'unknown_staff';
        ELSIF v_role = 'auditor' THEN
            problem := format('%s is an auditor, and auditors write no records', staff_id);
            rule := 'auditors_write_nothing';
        END IF;
    END IF;
END;
$$;


-- -----------------------------------------------------------------------------
-- Disclosures and the run log: the server says who and when
-- -----------------------------------------------------------------------------

ALTER TABLE carelog.disclosure
    ADD COLUMN recorded_in xid8 NOT NULL DEFAULT pg_current_xact_id();

COMMENT ON COLUMN carelog.disclosure.recorded_in IS
    'The transaction that recorded the disclosure: its patients are listed in that transaction only.';

CREATE FUNCTION carelog.disclosure_stamp()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    NEW.disclosed_at    := now();
    NEW.db_user         := session_user;
    NEW.acting_staff_id := carelog.acting_staff_member_id();
    NEW.recorded_in     := pg_current_xact_id();
    RETURN NEW;
END;
$$;

CREATE TRIGGER disclosure_stamp
    BEFORE INSERT ON carelog.disclosure
    FOR EACH ROW EXECUTE FUNCTION carelog.disclosure_stamp();
ALTER TABLE carelog.disclosure ENABLE ALWAYS TRIGGER disclosure_stamp;

CREATE FUNCTION carelog.run_log_stamp()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    NEW.ran_at  := now();
    NEW.db_user := session_user;
    RETURN NEW;
END;
$$;

CREATE TRIGGER run_log_stamp
    BEFORE INSERT ON carelog.run_log
    FOR EACH ROW EXECUTE FUNCTION carelog.run_log_stamp();
ALTER TABLE carelog.run_log ENABLE ALWAYS TRIGGER run_log_stamp;
SELECT carelog.audit_attach('carelog.run_log');

-- Who reads which disclosures: auditors and unlimited directors all; a director
-- limited to a site those it made and those that hold a patient of its site (and
-- of their patients, its site's); a therapist those it made.
DROP POLICY read_all ON carelog.disclosure;
DROP POLICY read_all ON carelog.disclosure_patient;
DROP POLICY log_own ON carelog.disclosure_patient;

-- Disclosures that hold a patient of the site a director's login is limited to
-- (a function: a policy of disclosure that read disclosure_patient, whose insert
-- policy reads disclosure, would recurse).
CREATE FUNCTION carelog.site_disclosure_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 100
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT DISTINCT dp.disclosure_id
      FROM carelog.disclosure_patient AS dp
     WHERE dp.patient_id IN (SELECT carelog.site_patient_ids());
END;
REVOKE ALL ON FUNCTION carelog.site_disclosure_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.site_disclosure_ids() TO carelog_director;

CREATE POLICY read_all ON carelog.disclosure
    FOR SELECT TO carelog_auditor USING (true);
CREATE POLICY director_read ON carelog.disclosure
    FOR SELECT TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL
           OR db_user = session_user
           OR id IN (SELECT carelog.site_disclosure_ids()));

CREATE POLICY read_all ON carelog.disclosure_patient
    FOR SELECT TO carelog_auditor USING (true);
CREATE POLICY director_read ON carelog.disclosure_patient
    FOR SELECT TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL
           OR patient_id IN (SELECT carelog.site_patient_ids()));
-- A disclosure's patients: listed by whoever made it, in the transaction that
-- recorded it, and only patients it may read.
CREATE POLICY log_own ON carelog.disclosure_patient
    FOR INSERT TO carelog_therapist, carelog_director, carelog_auditor
    WITH CHECK (disclosure_id IN (SELECT d.id FROM carelog.disclosure AS d
                                   WHERE d.db_user = session_user AND d.recorded_in = pg_current_xact_id())
                AND carelog.login_reads_patient(patient_id));


-- -----------------------------------------------------------------------------
-- Disabled logins
-- -----------------------------------------------------------------------------

-- Reference data is read by active logins only: a session that outlived its
-- login's disabling (one that had run SET ROLE) reads nothing.
DROP POLICY read_reference ON carelog.site;
DROP POLICY read_reference ON carelog.staff;
DROP POLICY read_reference ON carelog.care_group;
CREATE POLICY read_reference ON carelog.site
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor
    USING ((SELECT carelog.login_role()) IS NOT NULL);
CREATE POLICY read_reference ON carelog.staff
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor
    USING ((SELECT carelog.login_role()) IS NOT NULL);
CREATE POLICY read_reference ON carelog.care_group
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor
    USING ((SELECT carelog.login_role()) IS NOT NULL);

-- Ending a disabled login's sessions needs pg_signal_backend (not a superuser's
-- power): given to the owner when this migration runs as a superuser.
DO $$
BEGIN
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user) THEN
        GRANT pg_signal_backend TO carelog_owner;
    END IF;
END;
$$;

-- The 008 function, which now also ends the login's open sessions.
CREATE FUNCTION carelog.end_sessions_of(p_login text)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    v_pid   integer;
    v_ended integer := 0;
BEGIN
    -- One backend at a time, chosen first: a filter beside the call could let the
    -- planner signal backends of other users.
    FOR v_pid IN SELECT a.pid FROM pg_catalog.pg_stat_activity AS a
                  WHERE a.usename = p_login AND a.pid <> pg_catalog.pg_backend_pid()
    LOOP
        IF pg_catalog.pg_terminate_backend(v_pid) THEN
            v_ended := v_ended + 1;
        END IF;
    END LOOP;
    RETURN v_ended;
END;
$$;
REVOKE ALL ON FUNCTION carelog.end_sessions_of(text) FROM PUBLIC;

CREATE FUNCTION carelog.user_disable_ends_sessions()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM carelog.end_sessions_of(NEW.login);
    RETURN NULL;
END;
$$;

CREATE TRIGGER app_user_disabled_ends_sessions
    AFTER UPDATE OF active ON carelog.app_user
    FOR EACH ROW
    WHEN (OLD.active AND NOT NEW.active)
    EXECUTE FUNCTION carelog.user_disable_ends_sessions();


-- -----------------------------------------------------------------------------
-- The audit trail in natural keys
-- -----------------------------------------------------------------------------

-- A row's values as the audit trail stored them (surrogate ids), with every id a
-- person reads by another name replaced by that name: patient_id by the MRN (key
-- mrn), a staff member's id by the staff ID (recorded_by_id → recorded_by), a
-- session by group code and site-local start (key session), a group, site and plan
-- by their codes. Read with the caller's row-level security: an id it may not read
-- becomes "?". `carelog audit log` and the late-changes report show changes this way.
CREATE FUNCTION carelog.audit_natural_values(p_values jsonb)
RETURNS jsonb
LANGUAGE sql
STABLE
SET search_path = carelog, pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN p_values IS NULL THEN NULL ELSE (
        SELECT coalesce(jsonb_object_agg(n.key, n.value), '{}'::jsonb)
          FROM jsonb_each(p_values) AS kv(key, value)
         CROSS JOIN LATERAL (
               SELECT CASE
                          WHEN kv.key = 'patient_id' THEN 'mrn'
                          WHEN kv.key = 'session_id' THEN 'session'
                          WHEN kv.key = 'group_id' THEN 'group_code'
                          WHEN kv.key = 'site_id' THEN 'site_code'
                          WHEN kv.key = 'plan_id' THEN 'plan_code'
                          WHEN kv.key IN ('recorded_by_id', 'corrected_by_id', 'facilitator_id', 'therapist_id', 'author_id',
                                          'reviewer_id', 'acting_staff_id', 'staff_member_id', 'voided_by_id', 'closed_by_id')
                              THEN left(kv.key, -3)
                          ELSE kv.key
                      END AS key,
                      CASE
                          WHEN jsonb_typeof(kv.value) <> 'number' THEN kv.value
                          WHEN kv.key = 'patient_id' THEN to_jsonb(coalesce(
                              (SELECT p.mrn FROM carelog.patient AS p WHERE p.id = kv.value::text::bigint), '?'))
                          WHEN kv.key = 'session_id' THEN to_jsonb(coalesce(
                              (SELECT g.group_code || ' ' || to_char(s.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI')
                                 FROM carelog.group_session AS s
                                 JOIN carelog.care_group AS g ON g.id = s.group_id
                                 JOIN carelog.site AS st ON st.id = g.site_id
                                WHERE s.id = kv.value::text::bigint), '?'))
                          WHEN kv.key = 'group_id' THEN to_jsonb(coalesce(
                              (SELECT g.group_code FROM carelog.care_group AS g WHERE g.id = kv.value::text::bigint), '?'))
                          WHEN kv.key = 'site_id' THEN to_jsonb(coalesce(
                              (SELECT st.site_code FROM carelog.site AS st WHERE st.id = kv.value::text::bigint), '?'))
                          WHEN kv.key = 'plan_id' THEN to_jsonb(coalesce(
                              (SELECT tp.plan_code FROM carelog.treatment_plan AS tp WHERE tp.id = kv.value::text::bigint), '?'))
                          WHEN kv.key IN ('recorded_by_id', 'corrected_by_id', 'facilitator_id', 'therapist_id', 'author_id',
                                          'reviewer_id', 'acting_staff_id', 'staff_member_id', 'voided_by_id', 'closed_by_id')
                              THEN to_jsonb(coalesce(
                                  (SELECT sf.staff_id FROM carelog.staff AS sf WHERE sf.id = kv.value::text::bigint), '?'))
                          ELSE kv.value
                      END AS value
         ) AS n
    ) END
$$;

COMMENT ON FUNCTION carelog.audit_natural_values(jsonb) IS
    'Audit values with surrogate ids replaced by natural keys (MRN, staff ID, group code and session start, site and plan codes), read under the caller''s row-level security.';

-- The record an audit change is about, by its natural key (values from
-- audit_natural_values): `AA-AM 2026-10-05 07:30 00913` for attendance, the MRN for a
-- patient, the plan code for a plan, and so on; `#id` for a table without one.
CREATE FUNCTION carelog.audit_record_label(p_table text, p_values jsonb)
RETURNS text
LANGUAGE sql
IMMUTABLE
RETURN CASE p_table
    WHEN 'attendance'           THEN concat_ws(' ', p_values ->> 'session', p_values ->> 'mrn')
    WHEN 'attendance_void'      THEN concat_ws(' ', p_values ->> 'session', p_values ->> 'mrn')
    WHEN 'patient'              THEN p_values ->> 'mrn'
    WHEN 'episode'              THEN concat_ws(' ', p_values ->> 'mrn', 'admitted', p_values ->> 'admitted_on')
    WHEN 'therapist_assignment' THEN concat_ws(' ', p_values ->> 'mrn', p_values ->> 'therapist', p_values ->> 'role',
                                               p_values ->> 'starts_on')
    WHEN 'treatment_plan'       THEN p_values ->> 'plan_code'
    WHEN 'plan_requirement'     THEN concat_ws(' ', p_values ->> 'plan_code', p_values ->> 'modality')
    WHEN 'plan_goal'            THEN concat_ws(' ', p_values ->> 'plan_code', p_values ->> 'goal_code')
    WHEN 'plan_review'          THEN concat_ws(' ', p_values ->> 'plan_code', p_values ->> 'reviewed_on')
    WHEN 'group_enrollment'     THEN concat_ws(' ', p_values ->> 'group_code', p_values ->> 'mrn', p_values ->> 'starts_on')
    WHEN 'group_session'        THEN concat_ws(' ', p_values ->> 'group_code', p_values ->> 'starts_at')
    WHEN 'assessment'           THEN concat_ws(' ', p_values ->> 'mrn', p_values ->> 'instrument', p_values ->> 'administered_on')
    WHEN 'drug_screen'          THEN concat_ws(' ', p_values ->> 'mrn', p_values ->> 'collected_on')
    WHEN 'consent'              THEN concat_ws(' ', p_values ->> 'mrn', p_values ->> 'recipient', p_values ->> 'signed_on')
    ELSE '#' || (p_values ->> 'id')
END;


-- -----------------------------------------------------------------------------
-- A login of another database is nobody here
-- -----------------------------------------------------------------------------

-- Roles are the cluster's, logins are each database's (app_user). A login made
-- with `carelog user add` in one database of a cluster is a member of
-- carelog_auditor or carelog_director in all of them, and the policies of 008
-- that read `USING (true)` for auditors, or treat "no site" as "every site" for
-- directors, let it read every patient of a database where it has no login at all.
-- Every role's rows now need an active login of THIS database:
--   * login_site_id() is -1 (no site) for a session that row-level security binds
--     but that is not an active login here, so a director's site condition
--     matches nothing; NULL still means "every site" for an unlimited director's
--     login, and for the owner and superusers (whom the policies do not bind);
--   * the policies that were `USING (true)` require the login's own role.
-- A test fails when a policy of a role reads `USING (true)` again.
CREATE OR REPLACE FUNCTION carelog.login_site_id()
RETURNS bigint
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM carelog.app_user AS u WHERE u.login = session_user AND u.active)
            THEN (SELECT u.site_id FROM carelog.app_user AS u WHERE u.login = session_user AND u.active)
        WHEN (SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles AS r WHERE r.rolname = session_user)
            THEN NULL
        ELSE -1
    END;
END;

DO $$
DECLARE
    p record;
BEGIN
    FOR p IN
        SELECT pol.tablename, pol.policyname, pol.roles
          FROM pg_catalog.pg_policies AS pol
         WHERE pol.schemaname = 'carelog' AND pol.qual = 'true' AND pol.tablename <> 'column_class'
    LOOP
        EXECUTE format('ALTER POLICY %I ON carelog.%I USING (%s)', p.policyname, p.tablename,
                       CASE WHEN p.roles = ARRAY['carelog_auditor']::name[] THEN '(SELECT carelog.login_role()) = ''auditor'''
                            WHEN p.roles = ARRAY['carelog_director']::name[] THEN '(SELECT carelog.login_role()) = ''director'''
                            ELSE '(SELECT carelog.login_role()) IS NOT NULL' END);
    END LOOP;
END;
$$;
