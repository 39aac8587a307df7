-- =============================================================================
-- carelog — 007_inclusive_end_dates_and_closed_groups.sql
-- =============================================================================
--
-- 1. Inclusive end dates (SPEC §2, "Date ranges"). `ends_on` of a therapist
--    assignment and of a group enrollment is the LAST DAY the record applies,
--    as FHIR's Period.end and as people read "ends on": a one-day assignment
--    has starts_on = ends_on. Until now it was the first day after (exclusive).
--    So that no stored record changes meaning silently, every stored end moves
--    one day back (an exclusive end E becomes the inclusive end E - 1): the
--    same days are covered before and after. The changes go through the audit
--    trail like any other update, under this migration's database user.
--    `discharged_on` (episodes) and `closed_on` (plans) keep their meaning: an
--    event that ends a state on that day.
--
-- 2. Closed groups (SPEC §2): attendance in a `closed` group only for a patient
--    enrolled in it on the session's site-local date. A fourth rule of
--    carelog.assert_attendance_rules, `attendance_enrolled`, checked by the same
--    statement triggers on attendance and by the row guards when an enrollment
--    or a group's kind changes. Existing attendance is checked once here; a
--    database whose records break the rule refuses this migration, naming the
--    first record, so nothing is left half-enforced.
-- =============================================================================

-- 1. Inclusive end dates -------------------------------------------------------

ALTER TABLE carelog.therapist_assignment
    DROP CONSTRAINT therapist_assignment_dates_check,
    DROP CONSTRAINT assignment_one_primary_per_day;
ALTER TABLE carelog.group_enrollment
    DROP CONSTRAINT group_enrollment_dates_check,
    DROP CONSTRAINT enrollment_no_overlap;

UPDATE carelog.therapist_assignment SET ends_on = ends_on - 1 WHERE ends_on IS NOT NULL;
UPDATE carelog.group_enrollment     SET ends_on = ends_on - 1 WHERE ends_on IS NOT NULL;

ALTER TABLE carelog.therapist_assignment
    ADD CONSTRAINT therapist_assignment_dates_check CHECK (ends_on >= starts_on),
    ADD CONSTRAINT assignment_one_primary_per_day EXCLUDE USING gist (
        patient_id WITH =,
        daterange(starts_on, ends_on, '[]') WITH &&
    ) WHERE (role = 'primary');
ALTER TABLE carelog.group_enrollment
    ADD CONSTRAINT group_enrollment_dates_check CHECK (ends_on >= starts_on),
    ADD CONSTRAINT enrollment_no_overlap EXCLUDE USING gist (
        group_id WITH =,
        patient_id WITH =,
        daterange(starts_on, ends_on, '[]') WITH &&
    );

COMMENT ON TABLE carelog.therapist_assignment IS
    'Effective-dated therapist assignments. Active on d when starts_on <= d AND (ends_on IS NULL OR d <= ends_on). At most one primary therapist per patient on any day.';
COMMENT ON COLUMN carelog.therapist_assignment.ends_on IS
    'INCLUSIVE end date: the last day the assignment applies; NULL while it is current. Not before starts_on.';
COMMENT ON TABLE carelog.group_enrollment IS
    'Effective-dated roster of closed groups; history is kept, never overwritten. Active on d when starts_on <= d AND (ends_on IS NULL OR d <= ends_on). Enrollments of one patient in one group do not overlap.';
COMMENT ON COLUMN carelog.group_enrollment.ends_on IS
    'INCLUSIVE end date: the last day of the enrollment; NULL while enrolled. Not before starts_on.';

-- 2. Closed groups -------------------------------------------------------------

CREATE OR REPLACE FUNCTION carelog.assert_attendance_rules(
    p_session_ids bigint[],
    p_patient_ids bigint[],
    p_table       text DEFAULT 'attendance')
RETURNS void
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    bad     record;
    message text;
    detail  text;
    hint    text;
BEGIN
    IF p_session_ids IS NULL OR cardinality(p_session_ids) = 0 THEN
        RETURN;
    END IF;

    -- As in 001, plus the enrollment of closed groups: an EXISTS evaluated only
    -- for rows of a closed group (the CASE keeps open groups, the 12-step
    -- meetings that make most of the rows, from paying for it).
    WITH checked AS (
        SELECT g.group_code, g.gender_focus, s.starts_at, st.timezone,
               s.status AS session_status, d.local_date, p.mrn, p.gender,
               s.status <> 'held'                                       AS not_held,
               e.id IS NULL                                             AS not_in_care,
               NOT carelog.gender_focus_admits(g.gender_focus, p.gender) AS wrong_gender,
               CASE WHEN g.kind = 'closed' THEN NOT EXISTS (
                        SELECT 1 FROM carelog.group_enrollment AS en
                         WHERE en.group_id = g.id
                           AND en.patient_id = n.patient_id
                           AND en.starts_on <= d.local_date
                           AND (en.ends_on IS NULL OR d.local_date <= en.ends_on))
                    ELSE false END                                      AS not_enrolled
          FROM unnest(p_session_ids, p_patient_ids) AS n(session_id, patient_id)
          JOIN carelog.group_session s  ON s.id  = n.session_id
          JOIN carelog.care_group    g  ON g.id  = s.group_id
          JOIN carelog.site          st ON st.id = g.site_id
          JOIN carelog.patient       p  ON p.id  = n.patient_id
         CROSS JOIN LATERAL (SELECT carelog.site_local_date(s.starts_at, st.timezone) OFFSET 0)
                         AS d(local_date)
          LEFT JOIN carelog.episode  e
                 ON e.patient_id = n.patient_id
                AND e.admitted_on <= d.local_date
                AND (e.discharged_on IS NULL OR d.local_date < e.discharged_on)
    ), broken AS (
        SELECT * FROM checked AS c
         WHERE c.not_held OR c.not_in_care OR c.wrong_gender OR c.not_enrolled
    )
    SELECT v.rule, count(*) OVER (PARTITION BY v.rule) AS offending_rows, b.*
      INTO bad
      FROM broken AS b
     CROSS JOIN LATERAL (VALUES (1, 'attendance_session_held',    b.not_held),
                                (2, 'attendance_patient_in_care', b.not_in_care),
                                (3, 'attendance_gender_focus',    b.wrong_gender),
                                (4, 'attendance_enrolled',        b.not_enrolled)
                        ) AS v(priority, rule, is_broken)
     WHERE v.is_broken
     ORDER BY v.priority, b.group_code, b.starts_at, b.mrn
     LIMIT 1;

    IF NOT FOUND THEN
        RETURN;
    END IF;

    CASE bad.rule
    WHEN 'attendance_session_held' THEN
        message := 'attendance can only be recorded for a session that was held';
        detail  := format('Group "%s", session %s (%s) is %s; patient MRN "%s".',
                          bad.group_code,
                          to_char(bad.starts_at AT TIME ZONE bad.timezone, 'YYYY-MM-DD HH24:MI'),
                          bad.timezone, bad.session_status, bad.mrn);
        hint    := 'Mark the session as held, or delete its attendance records before cancelling it.';
    WHEN 'attendance_patient_in_care' THEN
        message := 'attendance can only be recorded for a patient in care on the day of the session';
        detail  := format('Patient MRN "%s" has no episode covering %s, the local date of group "%s" session %s (%s).',
                          bad.mrn, bad.local_date, bad.group_code,
                          to_char(bad.starts_at AT TIME ZONE bad.timezone, 'YYYY-MM-DD HH24:MI'),
                          bad.timezone);
        hint    := 'An episode covers day d when admitted_on <= d and (discharged_on is empty or d < discharged_on); the day is the site''s local date.';
    WHEN 'attendance_gender_focus' THEN
        message := 'attendance can only be recorded in a group whose gender focus admits the patient';
        detail  := format('Group "%s" is for %s; patient MRN "%s" is recorded as %s (session %s, %s).',
                          bad.group_code, bad.gender_focus, bad.mrn, bad.gender,
                          to_char(bad.starts_at AT TIME ZONE bad.timezone, 'YYYY-MM-DD HH24:MI'),
                          bad.timezone);
        hint    := 'A women''s group admits female patients, a men''s group male patients; a group for all admits everyone.';
    ELSE -- 'attendance_enrolled'
        message := 'attendance in a closed group can only be recorded for a patient enrolled in it on the day of the session';
        detail  := format('Patient MRN "%s" is not enrolled in closed group "%s" on %s (session %s, %s).',
                          bad.mrn, bad.group_code, bad.local_date,
                          to_char(bad.starts_at AT TIME ZONE bad.timezone, 'YYYY-MM-DD HH24:MI'),
                          bad.timezone);
        hint    := 'Enroll the patient first (an enrollment covers day d when starts_on <= d and (ends_on is empty or d <= ends_on)).';
    END CASE;

    detail := detail || format(' %s attendance record(s) break this rule.', bad.offending_rows);

    IF p_table <> 'attendance' THEN
        message := format('this change to %s would invalidate recorded attendance: %s', p_table, message);
        hint    := 'Correct or delete the affected attendance records first. ' || hint;
    END IF;

    RAISE EXCEPTION USING
        ERRCODE    = 'check_violation',
        CONSTRAINT = bad.rule,
        SCHEMA     = 'carelog',
        TABLE      = p_table,
        MESSAGE    = message,
        DETAIL     = detail,
        HINT       = hint;
END;
$$;

COMMENT ON FUNCTION carelog.assert_attendance_rules(bigint[], bigint[], text) IS
    'Raises 23514 (constraint attendance_session_held, attendance_patient_in_care, attendance_gender_focus or attendance_enrolled) if any of the given (session, patient) attendance pairs breaks an attendance rule; DETAIL names the first by group_code, starts_at and mrn, and the count. Internal; used by the attendance triggers.';

-- The rows the rule reads are locked as the others are: enrollments of the
-- written patients, so that a concurrent change to the roster waits for the
-- attendance writer or is seen by it.
CREATE OR REPLACE FUNCTION carelog.lock_attendance_context(
    p_session_ids bigint[],
    p_patient_ids bigint[])
RETURNS void
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    group_ids bigint[];
BEGIN
    SELECT array_agg(DISTINCT locked.group_id)
      INTO group_ids
      FROM (SELECT s.group_id
              FROM carelog.group_session s
             WHERE s.id IN (SELECT unnest(p_session_ids))
               FOR SHARE) AS locked;

    PERFORM 1
       FROM carelog.care_group g
       JOIN carelog.site       st ON st.id = g.site_id
      WHERE g.id IN (SELECT unnest(group_ids))
        FOR SHARE;

    PERFORM 1
       FROM carelog.patient p
      WHERE p.id IN (SELECT unnest(p_patient_ids))
        FOR SHARE;

    PERFORM 1
       FROM carelog.episode e
      WHERE e.patient_id IN (SELECT unnest(p_patient_ids))
        FOR SHARE;

    PERFORM 1
       FROM carelog.group_enrollment en
      WHERE en.patient_id IN (SELECT unnest(p_patient_ids))
        AND en.group_id IN (SELECT unnest(group_ids))
        FOR SHARE;
END;
$$;

-- The row guard learns two more tables: an enrollment that shrinks, moves or
-- goes, and a group that becomes closed, re-check the attendance they cover.
CREATE OR REPLACE FUNCTION carelog.attendance_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    session_ids bigint[];
    patient_ids bigint[];
BEGIN
    CASE TG_TABLE_NAME
    WHEN 'episode' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.attendance a
         WHERE a.patient_id = OLD.patient_id;
    WHEN 'patient' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.attendance a
         WHERE a.patient_id = OLD.id;
    WHEN 'group_session' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.attendance a
         WHERE a.session_id = OLD.id;
    WHEN 'care_group' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.group_session s
          JOIN carelog.attendance a ON a.session_id = s.id
         WHERE s.group_id = OLD.id;
    WHEN 'site' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.care_group g
          JOIN carelog.group_session s ON s.group_id = g.id
          JOIN carelog.attendance a ON a.session_id = s.id
         WHERE g.site_id = OLD.id;
    WHEN 'group_enrollment' THEN
        SELECT array_agg(a.session_id), array_agg(a.patient_id)
          INTO session_ids, patient_ids
          FROM carelog.group_session s
          JOIN carelog.attendance a ON a.session_id = s.id
         WHERE s.group_id = OLD.group_id
           AND a.patient_id = OLD.patient_id;
    END CASE;

    PERFORM carelog.assert_attendance_rules(session_ids, patient_ids, TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

REVOKE ALL ON FUNCTION carelog.attendance_guard() FROM PUBLIC;

DROP TRIGGER care_group_attendance_guard ON carelog.care_group;
CREATE TRIGGER care_group_attendance_guard
    AFTER UPDATE OF gender_focus, site_id, kind ON carelog.care_group
    FOR EACH ROW
    WHEN (OLD.gender_focus IS DISTINCT FROM NEW.gender_focus
       OR OLD.site_id      IS DISTINCT FROM NEW.site_id
       OR OLD.kind         IS DISTINCT FROM NEW.kind)
    EXECUTE FUNCTION carelog.attendance_guard();

CREATE TRIGGER group_enrollment_attendance_guard_update
    AFTER UPDATE OF group_id, patient_id, starts_on, ends_on ON carelog.group_enrollment
    FOR EACH ROW
    WHEN (OLD.group_id   IS DISTINCT FROM NEW.group_id
       OR OLD.patient_id IS DISTINCT FROM NEW.patient_id
       OR OLD.starts_on  IS DISTINCT FROM NEW.starts_on
       OR OLD.ends_on    IS DISTINCT FROM NEW.ends_on)
    EXECUTE FUNCTION carelog.attendance_guard();

CREATE TRIGGER group_enrollment_attendance_guard_delete
    AFTER DELETE ON carelog.group_enrollment
    FOR EACH ROW
    EXECUTE FUNCTION carelog.attendance_guard();

CREATE FUNCTION carelog.group_enrollment_truncate_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM carelog.attendance a
                 JOIN carelog.group_session s ON s.id = a.session_id
                 JOIN carelog.care_group g ON g.id = s.group_id
                WHERE g.kind = 'closed') THEN
        RAISE EXCEPTION USING
            ERRCODE    = 'check_violation',
            CONSTRAINT = 'attendance_enrolled',
            SCHEMA     = 'carelog',
            TABLE      = 'group_enrollment',
            MESSAGE    = 'enrollments cannot be truncated while attendance of closed groups is recorded',
            HINT       = 'Delete enrollments row by row, or the attendance of closed groups first.';
    END IF;
    RETURN NULL;
END;
$$;

REVOKE ALL ON FUNCTION carelog.group_enrollment_truncate_guard() FROM PUBLIC;

CREATE TRIGGER group_enrollment_attendance_guard_truncate
    BEFORE TRUNCATE ON carelog.group_enrollment
    FOR EACH STATEMENT
    EXECUTE FUNCTION carelog.group_enrollment_truncate_guard();

-- Existing attendance of closed groups must keep the rule it is now held to.
DO $$
DECLARE
    session_ids bigint[];
    patient_ids bigint[];
BEGIN
    SELECT array_agg(a.session_id), array_agg(a.patient_id)
      INTO session_ids, patient_ids
      FROM carelog.attendance a
      JOIN carelog.group_session s ON s.id = a.session_id
      JOIN carelog.care_group g ON g.id = s.group_id
     WHERE g.kind = 'closed';
    PERFORM carelog.assert_attendance_rules(session_ids, patient_ids, 'attendance');
END;
$$;
