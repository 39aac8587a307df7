-- =============================================================================
-- carelog — 013_attendance_checks_by_distinct_ids.sql: attendance's statement
-- checks read each referenced row once (issue 16)
-- =============================================================================
--
-- References. 006 checks that every row's session, patient and recording staff member exist
-- with NOT EXISTS (...) ... LIMIT 1 over the transition table. The LIMIT makes
-- the planner expect an early hit and probe the referenced table's index once
-- per written row: three million index probes for a million-row import, when
-- nothing is missing (the normal case) — about a sixth of the schema's floor in
-- scripts/bench-import. A million attendance rows name a few thousand sessions,
-- a few hundred patients and a few staff members: the distinct ids are found by
-- one hash aggregate each over the transition table, and only they are looked
-- up. Same checks, same error (SQLSTATE 23503, the former foreign key's name,
-- the first missing id), same FOR KEY SHARE lock on the staff rows.
-- =============================================================================

CREATE OR REPLACE FUNCTION carelog.attendance_check_references()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    missing record;
BEGIN
    PERFORM 1 FROM carelog.staff
     WHERE id IN (SELECT DISTINCT recorded_by_id FROM new_rows)
       FOR KEY SHARE;

    SELECT 'attendance_session_id_fkey' AS constraint_name, 'session_id' AS column_name, d.id
      INTO missing
      FROM (SELECT DISTINCT n.session_id AS id FROM new_rows AS n) AS d
     WHERE NOT EXISTS (SELECT 1 FROM carelog.group_session AS s WHERE s.id = d.id)
     ORDER BY d.id
     LIMIT 1;
    IF NOT FOUND THEN
        SELECT 'attendance_patient_id_fkey' AS constraint_name, 'patient_id' AS column_name, d.id
          INTO missing
          FROM (SELECT DISTINCT n.patient_id AS id FROM new_rows AS n) AS d
         WHERE NOT EXISTS (SELECT 1 FROM carelog.patient AS p WHERE p.id = d.id)
         ORDER BY d.id
         LIMIT 1;
    END IF;
    IF NOT FOUND THEN
        SELECT 'attendance_recorded_by_id_fkey' AS constraint_name, 'recorded_by_id' AS column_name, d.id
          INTO missing
          FROM (SELECT DISTINCT n.recorded_by_id AS id FROM new_rows AS n) AS d
         WHERE NOT EXISTS (SELECT 1 FROM carelog.staff AS st WHERE st.id = d.id)
         ORDER BY d.id
         LIMIT 1;
    END IF;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "attendance" violates foreign key constraint "%"', missing.constraint_name
            USING ERRCODE = 'foreign_key_violation',
                  CONSTRAINT = missing.constraint_name,
                  SCHEMA = 'carelog',
                  TABLE = 'attendance',
                  COLUMN = missing.column_name,
                  DETAIL = format('Key (%s)=(%s) is not present in the referenced table.', missing.column_name, missing.id);
    END IF;
    RETURN NULL;
END;
$$;


-- Rules. 001/007's statement trigger aggregated every written (session, patient)
-- pair into two arrays and handed them to carelog.assert_attendance_rules, which
-- unnested them again and joined them row by row to sessions, groups, sites,
-- patients and episodes: for a million rows two million-element arrays built and
-- taken apart, and the site-local date of the session computed once per row. Here
-- the trigger checks the transition table itself, in one statement planned for
-- this statement's size (EXECUTE: a statement naming a transition table is
-- otherwise planned once per session), with each session's group, site and local
-- date computed once per distinct session. Only the rows that break a rule (none,
-- normally) go to carelog.assert_attendance_rules, which finds the first of them
-- and raises exactly as before: same rules, same order, same message and count.
CREATE OR REPLACE FUNCTION carelog.attendance_check_rules()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
DECLARE
    distinct_session_ids bigint[];
    distinct_patient_ids bigint[];
    broken_session_ids   bigint[];
    broken_patient_ids   bigint[];
BEGIN
    SELECT array_agg(d.session_id) INTO distinct_session_ids
      FROM (SELECT DISTINCT n.session_id FROM new_rows AS n) AS d;
    IF distinct_session_ids IS NULL THEN    -- the statement wrote no rows
        RETURN NULL;
    END IF;
    SELECT array_agg(d.patient_id) INTO distinct_patient_ids
      FROM (SELECT DISTINCT n.patient_id FROM new_rows AS n) AS d;

    PERFORM carelog.lock_attendance_context(distinct_session_ids, distinct_patient_ids);

    EXECUTE $sql$
        WITH session AS MATERIALIZED (
            SELECT s.id, s.status, g.id AS group_id, g.gender_focus, g.kind,
                   carelog.site_local_date(s.starts_at, st.timezone) AS local_date
              FROM carelog.group_session AS s
              JOIN carelog.care_group    AS g  ON g.id  = s.group_id
              JOIN carelog.site          AS st ON st.id = g.site_id
             WHERE s.id IN (SELECT unnest($1))
        )
        SELECT array_agg(n.session_id), array_agg(n.patient_id)
          FROM new_rows AS n
          JOIN session AS s ON s.id = n.session_id
          JOIN carelog.patient AS p ON p.id = n.patient_id
          LEFT JOIN carelog.episode AS e
                 ON e.patient_id = n.patient_id
                AND e.admitted_on <= s.local_date
                AND (e.discharged_on IS NULL OR s.local_date < e.discharged_on)
         WHERE s.status <> 'held'
            OR e.id IS NULL
            OR NOT carelog.gender_focus_admits(s.gender_focus, p.gender)
            OR (s.kind = 'closed' AND NOT EXISTS (
                    SELECT 1 FROM carelog.group_enrollment AS en
                     WHERE en.group_id = s.group_id
                       AND en.patient_id = n.patient_id
                       AND en.starts_on <= s.local_date
                       AND (en.ends_on IS NULL OR s.local_date <= en.ends_on)))
        $sql$
      INTO broken_session_ids, broken_patient_ids
      USING distinct_session_ids;

    PERFORM carelog.assert_attendance_rules(broken_session_ids, broken_patient_ids, 'attendance');
    RETURN NULL;
END;
$$;
