--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: carelog; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA carelog;

--
-- Name: SCHEMA carelog; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA carelog IS 'carelog: therapy-group attendance, treatment plans and therapist assignments of an addiction-treatment program. All end dates are exclusive; "day" means the site-local date.';

--
-- Name: audit_acting_staff(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_acting_staff() RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_resolved record;
BEGIN
    SELECT * INTO v_resolved
      FROM carelog.resolve_acting_staff(current_setting('carelog.acting_staff', true));
    IF v_resolved.problem IS NOT NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = v_resolved.problem,
            HINT    = 'Nothing was written. --by names yourself; a director may name a colleague.';
    END IF;
    RETURN v_resolved.staff_id;
END;
$$;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: staff; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.staff (
    id bigint NOT NULL,
    staff_id text NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    role text NOT NULL,
    credentials text,
    site_id bigint NOT NULL,
    active boolean DEFAULT true NOT NULL,
    CONSTRAINT staff_role_check CHECK ((role = ANY (ARRAY['therapist'::text, 'counselor'::text, 'director'::text, 'auditor'::text, 'other'::text]))),
    CONSTRAINT staff_staff_id_check CHECK ((staff_id <> ''::text))
);

ALTER TABLE ONLY carelog.staff FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE staff; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.staff IS 'Staff members. Other tables refer to staff by the surrogate id (therapist_id, author_id, reviewer_id, facilitator_id, recorded_by_id); imports use the text natural key staff_id.';

--
-- Name: COLUMN staff.staff_id; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.staff.staff_id IS 'Natural key (text, e.g. T042) used by imports and the command line. Not the same thing as the surrogate "id".';

--
-- Name: COLUMN staff.credentials; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.staff.credentials IS 'Free text, e.g. LCSW, LADC. Optional.';

--
-- Name: acting_staff_member_id(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.acting_staff_member_id() RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT s.id
    FROM carelog.staff s
   WHERE (s.staff_id = carelog.audit_acting_staff());
END;

--
-- Name: adherence_pct(bigint, numeric); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.adherence_pct(attended bigint, required numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN round(((100.0 * (COALESCE(attended, (0)::bigint))::numeric) / NULLIF(required, (0)::numeric)), 1);

--
-- Name: FUNCTION adherence_pct(attended bigint, required numeric); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.adherence_pct(attended bigint, required numeric) IS 'Adherence: 100 × attended sessions / required sessions (unrounded), rounded half away from zero to one decimal; NULL when nothing is required.';

--
-- Name: assert_attendance_rules(bigint[], bigint[], text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.assert_attendance_rules(p_session_ids bigint[], p_patient_ids bigint[], p_table text DEFAULT 'attendance'::text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: FUNCTION assert_attendance_rules(p_session_ids bigint[], p_patient_ids bigint[], p_table text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.assert_attendance_rules(p_session_ids bigint[], p_patient_ids bigint[], p_table text) IS 'The attendance rules (assert_attendance_rules_detailed), with their details withheld when the rows name a patient the login may not read.';

--
-- Name: assert_attendance_rules_detailed(bigint[], bigint[], text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.assert_attendance_rules_detailed(p_session_ids bigint[], p_patient_ids bigint[], p_table text DEFAULT 'attendance'::text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
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

--
-- Name: FUNCTION assert_attendance_rules_detailed(p_session_ids bigint[], p_patient_ids bigint[], p_table text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.assert_attendance_rules_detailed(p_session_ids bigint[], p_patient_ids bigint[], p_table text) IS 'Raises 23514 (constraint attendance_session_held, attendance_patient_in_care, attendance_gender_focus or attendance_enrolled) if any of the given (session, patient) attendance pairs breaks an attendance rule; DETAIL names the first by group_code, starts_at and mrn, and the count. Internal; used by the attendance triggers.';

--
-- Name: assert_may_change_closed_month(bigint, date, text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.assert_may_change_closed_month(p_site_id bigint, p_month date, p_what text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: attach_month_partition(text, date); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attach_month_partition(p_table text, p_month date) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_month date := date_trunc('month', p_month)::date;
    v_name  text;
    v_from  text;
    v_to    text;
BEGIN
    IF p_table NOT IN ('attendance', 'audit_event') THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('%s has no monthly partitions (attendance and audit_event have)', p_table);
    END IF;
    IF v_month IS NULL OR v_month < date '1900-01-01' OR v_month >= date '2200-01-01' THEN
        RAISE EXCEPTION USING
            ERRCODE = 'datetime_field_overflow',
            MESSAGE = format('no partition is made for month %s: months from 1900-01 to 2199-12 only',
                             coalesce(to_char(v_month, 'YYYY-MM'), 'NULL'));
    END IF;

    v_name := p_table || '_' || to_char(v_month, 'YYYY_MM');
    IF to_regclass(format('carelog.%I', v_name)) IS NOT NULL THEN
        RETURN NULL;
    END IF;

    IF p_table = 'attendance' THEN
        v_from := v_month::text;
        v_to   := (v_month + interval '1 month')::date::text;
    ELSE
        v_from := to_char(v_month, 'YYYY-MM-DD') || ' 00:00:00+00';
        v_to   := to_char(v_month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00';
    END IF;

    BEGIN
        EXECUTE format('CREATE TABLE carelog.%I (LIKE carelog.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS'
                       ' INCLUDING STORAGE INCLUDING COMPRESSION)', v_name, p_table);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
        RETURN NULL;    -- created meanwhile by a concurrent transaction
    END;
    IF p_table = 'attendance' THEN
        -- Named after the parent's constraint, which PostgreSQL reports by the
        -- partition's name: attendance_YYYY_MM_one_per_patient_session.
        EXECUTE format('ALTER TABLE carelog.%I ADD CONSTRAINT %I UNIQUE (session_id, patient_id, session_month)',
                       v_name, v_name || '_one_per_patient_session');
    END IF;
    EXECUTE format('ALTER TABLE carelog.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', v_name);
    EXECUTE format('CREATE TRIGGER partition_refuse_direct_write'
                   ' BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON carelog.%I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION carelog.partition_refuse_direct_write()', v_name);
    EXECUTE format('ALTER TABLE carelog.%I ENABLE ALWAYS TRIGGER partition_refuse_direct_write', v_name);
    EXECUTE format('COMMENT ON TABLE carelog.%I IS %L', v_name,
                   format('Monthly partition of %s: %s. Read and written through carelog.%s only.',
                          p_table,
                          CASE p_table WHEN 'attendance' THEN 'the attendance of the sessions of '
                                       ELSE 'the audit events written in (UTC) ' END
                          || to_char(v_month, 'YYYY-MM'), p_table));
    EXECUTE format('ALTER TABLE carelog.%I ATTACH PARTITION carelog.%I FOR VALUES FROM (%L) TO (%L)',
                   p_table, v_name, v_from, v_to);
    RETURN v_name;
END;
$$;

--
-- Name: FUNCTION attach_month_partition(p_table text, p_month date); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.attach_month_partition(p_table text, p_month date) IS 'Creates the partition of one month of attendance (site-local month of the session) or audit_event (UTC month of the write), unless it exists; returns its name when it created it.';

--
-- Name: attendance_after_closed_roll(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_after_closed_roll() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: attendance_check_closed_months(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_check_closed_months() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: attendance_check_month(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_check_month() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    bad record;
BEGIN
    SELECT g.group_code, s.starts_at, st.timezone, d.session_month,
           carelog.local_month(s.starts_at, st.timezone) AS expected
      INTO bad
      FROM (SELECT DISTINCT n.session_id, n.session_month FROM new_rows AS n) AS d
      JOIN carelog.group_session AS s ON s.id = d.session_id
      JOIN carelog.care_group AS g ON g.id = s.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE d.session_month <> carelog.local_month(s.starts_at, st.timezone)
     ORDER BY g.group_code, s.starts_at
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING
            ERRCODE    = 'check_violation',
            CONSTRAINT = 'attendance_session_month',
            SCHEMA     = 'carelog',
            TABLE      = 'attendance',
            MESSAGE    = 'attendance must be filed under the site-local month of its session',
            DETAIL     = format('Group "%s", session %s (%s) is in %s; the record says %s.',
                                bad.group_code,
                                to_char(bad.starts_at AT TIME ZONE bad.timezone, 'YYYY-MM-DD HH24:MI'),
                                bad.timezone, to_char(bad.expected, 'YYYY-MM'),
                                to_char(bad.session_month, 'YYYY-MM')),
            HINT       = 'Set session_month to carelog.session_month(session_id).';
    END IF;
    RETURN NULL;
END;
$$;

--
-- Name: FUNCTION attendance_check_month(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.attendance_check_month() IS 'Statement trigger on attendance: refuses a row whose session_month is not the site-local month of its session (23514, constraint attendance_session_month).';

--
-- Name: attendance_check_references(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_check_references() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: attendance_check_rules(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_check_rules() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

--
-- Name: FUNCTION attendance_check_rules(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.attendance_check_rules() IS 'Statement trigger on attendance: checks all rows written by the statement against the attendance rules in one query.';

--
-- Name: attendance_correct(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_correct() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: attendance_guard(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: FUNCTION attendance_guard(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.attendance_guard() IS 'Row trigger on episode, patient, group_session, care_group and site: refuses a change that would make existing attendance break an attendance rule.';

--
-- Name: attendance_record_void(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_record_void() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: attendance_referenced_guard(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_referenced_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    column_name text := TG_ARGV[0];
    referenced  boolean;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        referenced := EXISTS (SELECT 1 FROM carelog.attendance);
    ELSE
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM carelog.attendance WHERE %I = $1)', column_name)
           INTO referenced USING OLD.id;
    END IF;
    IF referenced THEN
        RAISE EXCEPTION 'update or delete on table "%" violates foreign key constraint "attendance_%_fkey" on table "attendance"',
                        TG_TABLE_NAME, column_name
            USING ERRCODE = 'foreign_key_violation',
                  CONSTRAINT = format('attendance_%s_fkey', column_name),
                  SCHEMA = 'carelog',
                  TABLE = TG_TABLE_NAME,
                  DETAIL = CASE WHEN TG_OP = 'TRUNCATE' THEN 'Attendance records refer to its rows.'
                                ELSE format('Key (id)=(%s) is still referenced from table "attendance".', OLD.id) END;
    END IF;
    RETURN CASE WHEN TG_OP = 'TRUNCATE' THEN NULL ELSE OLD END;
END;
$_$;

--
-- Name: attendance_refile(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_refile() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    months date[];
BEGIN
    CREATE TEMPORARY TABLE IF NOT EXISTS attendance_refile_session (session_id bigint, month date)
        ON COMMIT DROP;
    TRUNCATE attendance_refile_session;
    INSERT INTO attendance_refile_session
    SELECT s.id, carelog.local_month(s.starts_at, st.timezone)
      FROM carelog.group_session AS s
      JOIN carelog.care_group AS g ON g.id = s.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE CASE TG_TABLE_NAME
               WHEN 'group_session' THEN s.id = NEW.id
               WHEN 'care_group'    THEN g.id = NEW.id
               ELSE                      st.id = NEW.id
           END;

    SELECT array_agg(DISTINCT r.month) INTO months
      FROM attendance_refile_session AS r
     WHERE EXISTS (SELECT 1 FROM carelog.attendance AS a
                    WHERE a.session_id = r.session_id AND a.session_month <> r.month);
    IF months IS NOT NULL THEN
        PERFORM carelog.ensure_attendance_partitions(months);
        UPDATE carelog.attendance AS a
           SET session_month = r.month
          FROM attendance_refile_session AS r
         WHERE a.session_id = r.session_id AND a.session_month <> r.month;
    END IF;
    RETURN NULL;
END;
$$;

--
-- Name: FUNCTION attendance_refile(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.attendance_refile() IS 'Row trigger on group_session, care_group and site: moves the attendance of sessions whose site-local month changed to that month.';

--
-- Name: attendance_refuse_unexplained_correction(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.attendance_refuse_unexplained_correction() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: audit_attach(regclass); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_attach(p_table regclass) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_schema text;
    v_name   text;
BEGIN
    SELECT n.nspname, c.relname INTO v_schema, v_name
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = p_table;

    IF v_schema = 'carelog' AND v_name IN ('audit_batch', 'audit_event') THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('%I.%I is part of the audit trail and cannot be audited itself', v_schema, v_name);
    END IF;

    IF NOT EXISTS (SELECT 1
                     FROM pg_attribute a
                    WHERE a.attrelid = p_table
                      AND a.attname = 'id'
                      AND a.atttypid = 'bigint'::regtype
                      AND a.attnum > 0
                      AND NOT a.attisdropped) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('cannot audit %I.%I: it has no bigint column "id"', v_schema, v_name),
            HINT    = 'Audited tables identify their rows by the surrogate key id bigint.';
    END IF;

    EXECUTE format('CREATE OR REPLACE TRIGGER audit_lock
                        BEFORE INSERT OR UPDATE OR DELETE ON %I.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock()',
                   v_schema, v_name);
    EXECUTE format('CREATE OR REPLACE TRIGGER zz_audit_insert
                        AFTER INSERT ON %I.%I
                        REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record()',
                   v_schema, v_name);
    EXECUTE format('CREATE OR REPLACE TRIGGER zz_audit_update
                        AFTER UPDATE ON %I.%I
                        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record()',
                   v_schema, v_name);
    EXECUTE format('CREATE OR REPLACE TRIGGER zz_audit_delete
                        AFTER DELETE ON %I.%I
                        REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record()',
                   v_schema, v_name);
    EXECUTE format('CREATE OR REPLACE TRIGGER zz_audit_truncate
                        BEFORE TRUNCATE ON %I.%I
                        FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate()',
                   v_schema, v_name);
    EXECUTE format('ALTER TABLE %I.%I
                        ENABLE ALWAYS TRIGGER audit_lock,
                        ENABLE ALWAYS TRIGGER zz_audit_insert,
                        ENABLE ALWAYS TRIGGER zz_audit_update,
                        ENABLE ALWAYS TRIGGER zz_audit_delete,
                        ENABLE ALWAYS TRIGGER zz_audit_truncate',
                   v_schema, v_name);
END;
$$;

--
-- Name: FUNCTION audit_attach(p_table regclass); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_attach(p_table regclass) IS 'Creates (or replaces) the audit triggers audit_lock, zz_audit_insert, zz_audit_update, zz_audit_delete and zz_audit_truncate on a table with a bigint "id". Call it for every table a later migration adds.';

--
-- Name: audit_event; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.audit_event (
    id bigint NOT NULL,
    batch_id bigint NOT NULL,
    table_name text NOT NULL,
    operation text NOT NULL,
    record_id bigint,
    old_values jsonb,
    new_values jsonb,
    patient_id bigint,
    old_rows json,
    new_rows json,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT audit_event_operation_check CHECK ((operation = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text, 'TRUNCATE'::text]))),
    CONSTRAINT audit_event_values_check CHECK (
CASE
    WHEN (record_id IS NOT NULL) THEN ((old_rows IS NULL) AND (new_rows IS NULL) AND
    CASE operation
        WHEN 'INSERT'::text THEN ((old_values IS NULL) AND (new_values IS NOT NULL))
        WHEN 'UPDATE'::text THEN ((old_values IS NOT NULL) AND (new_values IS NOT NULL))
        ELSE ((old_values IS NOT NULL) AND (new_values IS NULL))
    END)
    ELSE ((old_values IS NULL) AND (new_values IS NULL) AND
    CASE operation
        WHEN 'INSERT'::text THEN ((old_rows IS NULL) AND (new_rows IS NOT NULL))
        WHEN 'UPDATE'::text THEN ((old_rows IS NOT NULL) AND (new_rows IS NOT NULL))
        ELSE ((old_rows IS NOT NULL) AND (new_rows IS NULL))
    END)
END)
)
PARTITION BY RANGE (created_at);
ALTER TABLE ONLY carelog.audit_event ALTER COLUMN old_rows SET COMPRESSION lz4;
ALTER TABLE ONLY carelog.audit_event ALTER COLUMN new_rows SET COMPRESSION lz4;

ALTER TABLE ONLY carelog.audit_event FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE audit_event; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.audit_event IS 'Audit trail: one row per changed record, or for a statement that changed 1,000 rows or more one row per patient holding its rows (old_rows, new_rows). Append-only. Read one row per record through carelog.audit_change.';

--
-- Name: COLUMN audit_event.record_id; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_event.record_id IS 'Surrogate "id" of the changed row; NULL for an event of many rows (old_rows, new_rows).';

--
-- Name: COLUMN audit_event.old_values; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_event.old_values IS 'to_jsonb of the row before the change; NULL for INSERT. Timestamps in UTC.';

--
-- Name: COLUMN audit_event.new_values; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_event.new_values IS 'to_jsonb of the row after the change; NULL for DELETE and TRUNCATE. Timestamps in UTC.';

--
-- Name: COLUMN audit_event.patient_id; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_event.patient_id IS 'For an event of many rows: the patient all its rows belong to (NULL for tables that name no patient). NULL for a one-row event (see carelog.audit_event_patient_id).';

--
-- Name: COLUMN audit_event.old_rows; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_event.old_rows IS 'For an event of many rows (a statement that changed 1,000 rows or more): json array of the rows before the change, row_to_json of each, in the order of new_rows. NULL otherwise.';

--
-- Name: COLUMN audit_event.new_rows; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_event.new_rows IS 'For an event of many rows: json array of the rows after the change. NULL otherwise.';

--
-- Name: COLUMN audit_event.created_at; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_event.created_at IS 'now() of the writing transaction, as its batch''s created_at: the partition key (UTC month). Not part of any hash.';

--
-- Name: audit_attached_months(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_attached_months() RETURNS tstzmultirange
    LANGUAGE sql STABLE
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT COALESCE(range_agg(tstzrange((b.bounds[1])::timestamp with time zone, (b.bounds[2])::timestamp with time zone)), '{}'::tstzmultirange) AS "coalesce"
    FROM ((pg_inherits i
      JOIN pg_class c ON ((c.oid = i.inhrelid)))
      CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']*)''\) TO \(''([^'']*)''\)'::text) b(bounds))
   WHERE (i.inhparent = ('carelog.audit_event'::regclass)::oid);
END;

--
-- Name: FUNCTION audit_attached_months(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_attached_months() IS 'The instants covered by the attached partitions of audit_event, as one multirange. A batch written outside it has its events detached (or archived).';

--
-- Name: audit_batch_hash(bigint, timestamp with time zone, xid8, text, text, text, text, integer, text, bytea); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_batch_hash(p_id bigint, p_created_at timestamp with time zone, p_transaction_id xid8, p_db_user text, p_acting_staff text, p_table_name text, p_operation text, p_row_count integer, p_previous_hash text, p_events_digest bytea) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN encode(sha256(convert_to(((((COALESCE(p_previous_hash, ''::text) || '
'::text) || (json_build_array(p_id, to_char((p_created_at AT TIME ZONE 'UTC'::text), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'::text), (p_transaction_id)::text, p_db_user, p_acting_staff, p_table_name, p_operation, p_row_count))::text) || '
'::text) || COALESCE(encode(p_events_digest, 'hex'::text), ''::text)), 'UTF8'::name)), 'hex'::text);

--
-- Name: FUNCTION audit_batch_hash(p_id bigint, p_created_at timestamp with time zone, p_transaction_id xid8, p_db_user text, p_acting_staff text, p_table_name text, p_operation text, p_row_count integer, p_previous_hash text, p_events_digest bytea); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_batch_hash(p_id bigint, p_created_at timestamp with time zone, p_transaction_id xid8, p_db_user text, p_acting_staff text, p_table_name text, p_operation text, p_row_count integer, p_previous_hash text, p_events_digest bytea) IS 'Hex SHA-256 of previous_hash LF json_build_array(id, created_at UTC, transaction_id, db_user, acting_staff, table_name, operation, row_count) LF hex(events digest), as UTF-8. The events digest is sha256 of the batch''s audit_event_digest values concatenated in event id order.';

--
-- Name: audit_batch; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.audit_batch (
    id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    transaction_id xid8 DEFAULT pg_current_xact_id() NOT NULL,
    db_user text DEFAULT SESSION_USER NOT NULL,
    acting_staff text,
    table_name text NOT NULL,
    operation text NOT NULL,
    row_count integer NOT NULL,
    previous_hash text NOT NULL,
    hash text NOT NULL,
    CONSTRAINT audit_batch_hash_check CHECK ((hash ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT audit_batch_operation_check CHECK ((operation = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'DELETE'::text, 'TRUNCATE'::text]))),
    CONSTRAINT audit_batch_previous_hash_check CHECK ((previous_hash ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT audit_batch_row_count_check CHECK ((row_count > 0))
);

ALTER TABLE ONLY carelog.audit_batch FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE audit_batch; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.audit_batch IS 'Audit trail, one row per statement that changed an audited table. Append-only (42501 on UPDATE/DELETE/TRUNCATE). Hash-chained: hash = carelog.audit_batch_hash(...) over previous_hash, these fields and the batch''s events; verify with carelog.audit_verify().';

--
-- Name: COLUMN audit_batch.created_at; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_batch.created_at IS 'now() of the writing transaction (its start time).';

--
-- Name: COLUMN audit_batch.transaction_id; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_batch.transaction_id IS 'pg_current_xact_id() of the writing transaction.';

--
-- Name: COLUMN audit_batch.db_user; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_batch.db_user IS 'session_user: the database login that made the change.';

--
-- Name: COLUMN audit_batch.acting_staff; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_batch.acting_staff IS 'carelog staff_id acting, from the setting carelog.acting_staff (SET LOCAL by the application); NULL when not set.';

--
-- Name: COLUMN audit_batch.table_name; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_batch.table_name IS 'Name of the changed table in schema carelog.';

--
-- Name: COLUMN audit_batch.operation; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_batch.operation IS 'INSERT, UPDATE, DELETE or TRUNCATE.';

--
-- Name: COLUMN audit_batch.row_count; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_batch.row_count IS 'Number of audit_event rows of this batch (rows changed by the statement).';

--
-- Name: COLUMN audit_batch.previous_hash; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_batch.previous_hash IS 'hash of the batch with the next lower id; 64 zeros for the first batch.';

--
-- Name: COLUMN audit_batch.hash; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.audit_batch.hash IS 'Hex SHA-256, see carelog.audit_batch_hash.';

--
-- Name: audit_batch_hash_of(bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_batch_hash_of(p_batch_id bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT b.hash
    FROM carelog.audit_batch b
   WHERE (b.id = audit_batch_hash_of.p_batch_id);
END;

--
-- Name: audit_event_digest(bigint, bigint, jsonb, jsonb); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_event_digest(p_id bigint, p_record_id bigint, p_old_values jsonb, p_new_values jsonb) RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN sha256(convert_to(((((((COALESCE((p_id)::text, ''::text) || '|'::text) || COALESCE((p_record_id)::text, ''::text)) || '|'::text) || COALESCE((p_old_values)::text, ''::text)) || '|'::text) || COALESCE((p_new_values)::text, ''::text)), 'UTF8'::name));

--
-- Name: FUNCTION audit_event_digest(p_id bigint, p_record_id bigint, p_old_values jsonb, p_new_values jsonb); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_event_digest(p_id bigint, p_record_id bigint, p_old_values jsonb, p_new_values jsonb) IS 'SHA-256 (32 bytes) of the UTF-8 text id|record_id|old_values::text|new_values::text of one audit event, NULL written as the empty string.';

--
-- Name: audit_event_patient(text, bigint, jsonb); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_event_patient(p_table text, p_record bigint, p_values jsonb) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
    SELECT CASE
        WHEN p_table = 'patient' THEN p_record
        WHEN p_table IN ('plan_requirement', 'plan_goal', 'plan_review')
            THEN (SELECT tp.patient_id FROM carelog.treatment_plan AS tp WHERE tp.id = (p_values ->> 'plan_id')::bigint)
        WHEN p_values ? 'patient_id' THEN (p_values ->> 'patient_id')::bigint
    END
$$;

--
-- Name: FUNCTION audit_event_patient(p_table text, p_record bigint, p_values jsonb); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_event_patient(p_table text, p_record bigint, p_values jsonb) IS 'The patient id an audit event (table, record id, row values) is about, or NULL.';

--
-- Name: audit_event_patient_id(text, bigint, jsonb, jsonb); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_event_patient_id(p_table_name text, p_record_id bigint, p_new_values jsonb, p_old_values jsonb) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (p_table_name = 'patient'::text) THEN p_record_id ELSE ((COALESCE(p_new_values, p_old_values) ->> 'patient_id'::text))::bigint END;

--
-- Name: audit_event_site(text, bigint, jsonb); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_event_site(p_table text, p_record bigint, p_values jsonb) RETURNS bigint
    LANGUAGE sql STABLE
    AS $$
    SELECT CASE
        WHEN p_table = 'site' THEN p_record
        WHEN p_table IN ('staff', 'care_group', 'patient') THEN (p_values ->> 'site_id')::bigint
        WHEN p_table IN ('group_session', 'group_enrollment')
            THEN (SELECT g.site_id FROM carelog.care_group AS g WHERE g.id = (p_values ->> 'group_id')::bigint)
        WHEN p_table = 'attendance'
            THEN (SELECT g.site_id
                    FROM carelog.group_session AS gs
                    JOIN carelog.care_group AS g ON g.id = gs.group_id
                   WHERE gs.id = (p_values ->> 'session_id')::bigint)
        WHEN p_table IN ('disclosure', 'disclosure_patient', 'run_log') THEN NULL
        ELSE (SELECT p.site_id FROM carelog.patient AS p
               WHERE p.id = carelog.audit_event_patient(p_table, p_record, p_values))
    END
$$;

--
-- Name: FUNCTION audit_event_site(p_table text, p_record bigint, p_values jsonb); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_event_site(p_table text, p_record bigint, p_values jsonb) IS 'The site id an audit event belongs to for an export with --site, or NULL.';

--
-- Name: audit_genesis_hash(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_genesis_hash() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN '0000000000000000000000000000000000000000000000000000000000000000'::text;

--
-- Name: FUNCTION audit_genesis_hash(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_genesis_hash() IS 'previous_hash of the first audit batch: 64 zeros.';

--
-- Name: audit_head(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_head(OUT batch_id bigint, OUT hash text, OUT created_at timestamp with time zone) RETURNS record
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT b.id,
     b.hash,
     b.created_at
    FROM carelog.audit_batch b
   ORDER BY b.id DESC
  LIMIT 1;
END;

--
-- Name: audit_lock(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_lock() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(27973166650126183);
    PERFORM carelog.ensure_audit_partition();
    RETURN NULL;
END;
$$;

--
-- Name: FUNCTION audit_lock(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_lock() IS 'BEFORE statement trigger on audited tables: takes the audit chain''s transaction-level advisory lock (key 27973166650126183) before any row is written.';

--
-- Name: audit_natural_values(jsonb); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_natural_values(p_values jsonb) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: FUNCTION audit_natural_values(p_values jsonb); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_natural_values(p_values jsonb) IS 'Audit values with surrogate ids replaced by natural keys (MRN, staff ID, group code and session start, site and plan codes), read under the caller''s row-level security.';

--
-- Name: audit_record(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_record() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    SET row_security TO 'off'
    SET enable_nestloop TO 'off'
    SET work_mem TO '64MB'
    AS $_$
DECLARE
    v_batch_id  bigint;
    v_prev      text;
    v_staff     text := carelog.audit_acting_staff();
    v_events    integer;
    v_written   integer;
    v_bulk      boolean;
    v_rows      integer;
    v_alias     text;
    v_patient   text;
BEGIN
    IF TG_LEVEL <> 'STATEMENT' OR TG_WHEN <> 'AFTER' THEN
        RAISE EXCEPTION 'carelog.audit_record() must be an AFTER ... FOR EACH STATEMENT trigger';
    END IF;

    -- A statement that wrote no row writes no batch.
    IF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
            RETURN NULL;
        END IF;
        v_bulk := EXISTS (SELECT 1 FROM old_rows OFFSET 999);
    ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
        RETURN NULL;
    ELSE
        v_bulk := EXISTS (SELECT 1 FROM new_rows OFFSET 999);
    END IF;

    -- Already held since the BEFORE trigger; taken again in case that trigger
    -- was disabled. Then read the head of the chain and draw the batch id.
    PERFORM pg_advisory_xact_lock(27973166650126183);
    SELECT b.hash INTO v_prev
      FROM carelog.audit_batch AS b
     ORDER BY b.id DESC
     LIMIT 1;
    v_prev := coalesce(v_prev, carelog.audit_genesis_hash());
    v_batch_id := nextval('carelog.audit_batch_id_seq');

    IF v_bulk THEN
        v_alias := CASE TG_OP WHEN 'DELETE' THEN 'o' ELSE 'n' END;
        v_patient := CASE
            WHEN TG_TABLE_NAME = 'patient' THEN v_alias || '.id'
            WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a
                          WHERE a.attrelid = TG_RELID AND a.attname = 'patient_id'
                            AND a.atttypid = 'bigint'::regtype AND NOT a.attisdropped)
                THEN v_alias || '.patient_id'
            ELSE 'NULL::bigint' END;
        IF TG_OP = 'INSERT' THEN
            SELECT count(*) INTO v_rows FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN
            SELECT count(*) INTO v_rows FROM old_rows;
        ELSE
            SELECT count(*) INTO v_rows
              FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
             WHERE NOT (o *= n);
        END IF;
        BEGIN
            EXECUTE format($sql$
                WITH chunk AS (
                    SELECT %1$s AS patient_id, %2$s AS old_rows, %3$s AS new_rows
                      FROM %4$s
                     GROUP BY %1$s, %5$s.id / 65536
                ), ev AS (
                    INSERT INTO carelog.audit_event
                           (batch_id, table_name, operation, record_id, patient_id, old_rows, new_rows)
                    SELECT $1, $2, $3, NULL, c.patient_id, c.old_rows, c.new_rows
                      FROM chunk AS c
                    RETURNING audit_event.id,
                              carelog.audit_rows_digest(audit_event.id, audit_event.old_rows,
                                                        audit_event.new_rows) AS digest
                ), summary AS (
                    SELECT count(*)::integer AS events,
                           sha256(string_agg(ev.digest, ''::bytea ORDER BY ev.id)) AS digest
                      FROM ev
                ), batch AS (
                    INSERT INTO carelog.audit_batch
                           (id, created_at, transaction_id, db_user, acting_staff,
                            table_name, operation, row_count, previous_hash, hash)
                    OVERRIDING SYSTEM VALUE
                    SELECT $1, now(), pg_current_xact_id(), session_user, $4,
                           $2, $3, $5, $6,
                           carelog.audit_batch_hash($1, now(), pg_current_xact_id(), session_user,
                               $4, $2, $3, $5, $6, s.digest)
                      FROM summary AS s
                     WHERE s.events > 0
                    ON CONFLICT (previous_hash) DO NOTHING
                    RETURNING 1
                )
                SELECT s.events, (SELECT count(*) FROM batch)
                  FROM summary AS s
                $sql$,
                v_patient,
                CASE TG_OP WHEN 'INSERT' THEN 'NULL::json'
                           WHEN 'UPDATE' THEN 'json_agg(o ORDER BY n.id)'
                           ELSE 'json_agg(o)' END,
                CASE TG_OP WHEN 'DELETE' THEN 'NULL::json'
                           WHEN 'UPDATE' THEN 'json_agg(n ORDER BY n.id)'
                           ELSE 'json_agg(n)' END,
                CASE TG_OP WHEN 'INSERT' THEN 'new_rows AS n'
                           WHEN 'DELETE' THEN 'old_rows AS o'
                           ELSE 'new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE NOT (o *= n)' END,
                v_alias)
            INTO v_events, v_written
            USING v_batch_id, TG_TABLE_NAME, TG_OP, v_staff, v_rows, v_prev;
        EXCEPTION WHEN program_limit_exceeded THEN
            -- A value past 1 GB (rows of very long text): one event per row.
            v_bulk := false;
        END;
    END IF;

    IF v_bulk THEN
        NULL;   -- recorded above
    ELSIF TG_OP = 'INSERT' THEN
        WITH ev AS (
            INSERT INTO carelog.audit_event
                   (batch_id, table_name, operation, record_id, old_values, new_values)
            SELECT v_batch_id, TG_TABLE_NAME, 'INSERT', n.id, NULL, to_jsonb(n)
              FROM new_rows AS n
            RETURNING audit_event.id,
                      carelog.audit_event_digest(audit_event.id, audit_event.record_id,
                          audit_event.old_values, audit_event.new_values) AS digest
        ), summary AS (
            SELECT count(*)::integer AS events,
                   sha256(string_agg(ev.digest, ''::bytea ORDER BY ev.id)) AS digest
              FROM ev
        ), batch AS (
            INSERT INTO carelog.audit_batch
                   (id, created_at, transaction_id, db_user, acting_staff,
                    table_name, operation, row_count, previous_hash, hash)
            OVERRIDING SYSTEM VALUE
            SELECT v_batch_id, now(), pg_current_xact_id(), session_user, v_staff,
                   TG_TABLE_NAME, 'INSERT', s.events, v_prev,
                   carelog.audit_batch_hash(v_batch_id, now(), pg_current_xact_id(), session_user,
                       v_staff, TG_TABLE_NAME, 'INSERT', s.events, v_prev, s.digest)
              FROM summary AS s
             WHERE s.events > 0
            ON CONFLICT (previous_hash) DO NOTHING
            RETURNING 1
        )
        SELECT s.events, (SELECT count(*) FROM batch)
          INTO v_events, v_written
          FROM summary AS s;

    ELSIF TG_OP = 'UPDATE' THEN
        -- "id" is GENERATED ALWAYS: an UPDATE cannot change it, so it pairs old
        -- and new rows. *= compares binary images: 1.0 -> 1.00 is a change,
        -- rewriting the same value is not.
        WITH ev AS (
            INSERT INTO carelog.audit_event
                   (batch_id, table_name, operation, record_id, old_values, new_values)
            SELECT v_batch_id, TG_TABLE_NAME, 'UPDATE', n.id, to_jsonb(o), to_jsonb(n)
              FROM new_rows AS n
              JOIN old_rows AS o ON o.id = n.id
             WHERE NOT (o *= n)
            RETURNING audit_event.id,
                      carelog.audit_event_digest(audit_event.id, audit_event.record_id,
                          audit_event.old_values, audit_event.new_values) AS digest
        ), summary AS (
            SELECT count(*)::integer AS events,
                   sha256(string_agg(ev.digest, ''::bytea ORDER BY ev.id)) AS digest
              FROM ev
        ), batch AS (
            INSERT INTO carelog.audit_batch
                   (id, created_at, transaction_id, db_user, acting_staff,
                    table_name, operation, row_count, previous_hash, hash)
            OVERRIDING SYSTEM VALUE
            SELECT v_batch_id, now(), pg_current_xact_id(), session_user, v_staff,
                   TG_TABLE_NAME, 'UPDATE', s.events, v_prev,
                   carelog.audit_batch_hash(v_batch_id, now(), pg_current_xact_id(), session_user,
                       v_staff, TG_TABLE_NAME, 'UPDATE', s.events, v_prev, s.digest)
              FROM summary AS s
             WHERE s.events > 0
            ON CONFLICT (previous_hash) DO NOTHING
            RETURNING 1
        )
        SELECT s.events, (SELECT count(*) FROM batch)
          INTO v_events, v_written
          FROM summary AS s;

    ELSIF TG_OP = 'DELETE' THEN
        WITH ev AS (
            INSERT INTO carelog.audit_event
                   (batch_id, table_name, operation, record_id, old_values, new_values)
            SELECT v_batch_id, TG_TABLE_NAME, 'DELETE', o.id, to_jsonb(o), NULL
              FROM old_rows AS o
            RETURNING audit_event.id,
                      carelog.audit_event_digest(audit_event.id, audit_event.record_id,
                          audit_event.old_values, audit_event.new_values) AS digest
        ), summary AS (
            SELECT count(*)::integer AS events,
                   sha256(string_agg(ev.digest, ''::bytea ORDER BY ev.id)) AS digest
              FROM ev
        ), batch AS (
            INSERT INTO carelog.audit_batch
                   (id, created_at, transaction_id, db_user, acting_staff,
                    table_name, operation, row_count, previous_hash, hash)
            OVERRIDING SYSTEM VALUE
            SELECT v_batch_id, now(), pg_current_xact_id(), session_user, v_staff,
                   TG_TABLE_NAME, 'DELETE', s.events, v_prev,
                   carelog.audit_batch_hash(v_batch_id, now(), pg_current_xact_id(), session_user,
                       v_staff, TG_TABLE_NAME, 'DELETE', s.events, v_prev, s.digest)
              FROM summary AS s
             WHERE s.events > 0
            ON CONFLICT (previous_hash) DO NOTHING
            RETURNING 1
        )
        SELECT s.events, (SELECT count(*) FROM batch)
          INTO v_events, v_written
          FROM summary AS s;

    ELSE
        RAISE EXCEPTION 'carelog.audit_record() does not handle %', TG_OP;
    END IF;

    -- ON CONFLICT (previous_hash) DO NOTHING does not skip in practice: under
    -- READ COMMITTED the lock makes v_prev the head of the chain; under
    -- REPEATABLE READ and SERIALIZABLE, a head this snapshot cannot see makes
    -- PostgreSQL raise 40001 instead. Events without their batch must never be
    -- committed, though, so make sure.
    IF v_events > 0 AND v_written = 0 THEN
        RAISE EXCEPTION USING
            ERRCODE = 'serialization_failure',
            MESSAGE = 'another transaction appended to the audit trail concurrently',
            HINT    = 'Retry the transaction.';
    END IF;
    RETURN NULL;
END;
$_$;

--
-- Name: FUNCTION audit_record(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_record() IS 'AFTER INSERT/UPDATE/DELETE statement trigger on audited tables: appends one audit_batch and one audit_event per changed row from the transition tables, in one set-based statement, chained to the previous batch.';

--
-- Name: audit_record_label(text, jsonb); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_record_label(p_table text, p_values jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE
    RETURN CASE p_table WHEN 'attendance'::text THEN concat_ws(' '::text, (p_values ->> 'session'::text), (p_values ->> 'mrn'::text)) WHEN 'attendance_void'::text THEN concat_ws(' '::text, (p_values ->> 'session'::text), (p_values ->> 'mrn'::text)) WHEN 'patient'::text THEN (p_values ->> 'mrn'::text) WHEN 'episode'::text THEN concat_ws(' '::text, (p_values ->> 'mrn'::text), 'admitted', (p_values ->> 'admitted_on'::text)) WHEN 'therapist_assignment'::text THEN concat_ws(' '::text, (p_values ->> 'mrn'::text), (p_values ->> 'therapist'::text), (p_values ->> 'role'::text), (p_values ->> 'starts_on'::text)) WHEN 'treatment_plan'::text THEN (p_values ->> 'plan_code'::text) WHEN 'plan_requirement'::text THEN concat_ws(' '::text, (p_values ->> 'plan_code'::text), (p_values ->> 'modality'::text)) WHEN 'plan_goal'::text THEN concat_ws(' '::text, (p_values ->> 'plan_code'::text), (p_values ->> 'goal_code'::text)) WHEN 'plan_review'::text THEN concat_ws(' '::text, (p_values ->> 'plan_code'::text), (p_values ->> 'reviewed_on'::text)) WHEN 'group_enrollment'::text THEN concat_ws(' '::text, (p_values ->> 'group_code'::text), (p_values ->> 'mrn'::text), (p_values ->> 'starts_on'::text)) WHEN 'group_session'::text THEN concat_ws(' '::text, (p_values ->> 'group_code'::text), (p_values ->> 'starts_at'::text)) WHEN 'assessment'::text THEN concat_ws(' '::text, (p_values ->> 'mrn'::text), (p_values ->> 'instrument'::text), (p_values ->> 'administered_on'::text)) WHEN 'drug_screen'::text THEN concat_ws(' '::text, (p_values ->> 'mrn'::text), (p_values ->> 'collected_on'::text)) WHEN 'consent'::text THEN concat_ws(' '::text, (p_values ->> 'mrn'::text), (p_values ->> 'recipient'::text), (p_values ->> 'signed_on'::text)) ELSE ('#'::text || (p_values ->> 'id'::text)) END;

--
-- Name: audit_record_truncate(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_record_truncate() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    SET row_security TO 'off'
    SET work_mem TO '64MB'
    AS $_$
DECLARE
    v_batch_id  bigint;
    v_prev      text;
    v_staff     text := carelog.audit_acting_staff();
    v_events    integer;
    v_written   integer;
BEGIN
    IF TG_LEVEL <> 'STATEMENT' OR TG_WHEN <> 'BEFORE' OR TG_OP <> 'TRUNCATE' THEN
        RAISE EXCEPTION 'carelog.audit_record_truncate() must be a BEFORE TRUNCATE trigger';
    END IF;

    PERFORM pg_advisory_xact_lock(27973166650126183);
    SELECT b.hash INTO v_prev
      FROM carelog.audit_batch AS b
     ORDER BY b.id DESC
     LIMIT 1;
    v_prev := coalesce(v_prev, carelog.audit_genesis_hash());
    v_batch_id := nextval('carelog.audit_batch_id_seq');

    -- Dynamic only in the table's name (format %I); values are parameters.
    EXECUTE format($sql$
        WITH ev AS (
            INSERT INTO carelog.audit_event
                   (batch_id, table_name, operation, record_id, old_values, new_values)
            SELECT $1, $2, 'TRUNCATE', t.id, to_jsonb(t), NULL
              FROM %I.%I AS t
            RETURNING audit_event.id,
                      carelog.audit_event_digest(audit_event.id, audit_event.record_id,
                          audit_event.old_values, audit_event.new_values) AS digest
        ), summary AS (
            SELECT count(*)::integer AS events,
                   sha256(string_agg(ev.digest, ''::bytea ORDER BY ev.id)) AS digest
              FROM ev
        ), batch AS (
            INSERT INTO carelog.audit_batch
                   (id, created_at, transaction_id, db_user, acting_staff,
                    table_name, operation, row_count, previous_hash, hash)
            OVERRIDING SYSTEM VALUE
            SELECT $1, now(), pg_current_xact_id(), session_user, $3,
                   $2, 'TRUNCATE', s.events, $4,
                   carelog.audit_batch_hash($1, now(), pg_current_xact_id(), session_user,
                       $3, $2, 'TRUNCATE', s.events, $4, s.digest)
              FROM summary AS s
             WHERE s.events > 0
            ON CONFLICT (previous_hash) DO NOTHING
            RETURNING 1
        )
        SELECT s.events, (SELECT count(*) FROM batch)
          FROM summary AS s
        $sql$, TG_TABLE_SCHEMA, TG_TABLE_NAME)
    INTO v_events, v_written
    USING v_batch_id, TG_TABLE_NAME, v_staff, v_prev;

    IF v_events > 0 AND v_written = 0 THEN
        RAISE EXCEPTION USING
            ERRCODE = 'serialization_failure',
            MESSAGE = 'another transaction appended to the audit trail concurrently',
            HINT    = 'Retry the transaction.';
    END IF;
    RETURN NULL;
END;
$_$;

--
-- Name: FUNCTION audit_record_truncate(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_record_truncate() IS 'BEFORE TRUNCATE statement trigger on audited tables: records every row about to be removed as a TRUNCATE batch (old_values = the row).';

--
-- Name: audit_refuse_change(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = 'insufficient_privilege',
        SCHEMA  = TG_TABLE_SCHEMA,
        TABLE   = TG_TABLE_NAME,
        MESSAGE = format('the audit trail is append-only: %s on %s.%s is not allowed',
                         TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME),
        DETAIL  = 'Audit rows are written only by carelog''s audit triggers and are never updated, deleted or truncated, not even by the table owner.',
        HINT    = 'To check the trail, run SELECT * FROM carelog.audit_verify().';
END;
$$;

--
-- Name: FUNCTION audit_refuse_change(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_refuse_change() IS 'Trigger on audit_batch and audit_event: refuses UPDATE, DELETE and TRUNCATE with SQLSTATE 42501.';

--
-- Name: audit_refuse_direct_insert(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_refuse_direct_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    -- The audit triggers insert from within a trigger on a clinical table, so
    -- this trigger then runs at depth 2 or more.
    IF pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            SCHEMA  = TG_TABLE_SCHEMA,
            TABLE   = TG_TABLE_NAME,
            MESSAGE = format('the audit trail is append-only: rows are added to %s.%s only by carelog''s audit triggers',
                             TG_TABLE_SCHEMA, TG_TABLE_NAME),
            DETAIL  = 'Changes to audited tables are recorded automatically.';
    END IF;
    RETURN NULL;
END;
$$;

--
-- Name: FUNCTION audit_refuse_direct_insert(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_refuse_direct_insert() IS 'Statement trigger on audit_batch and audit_event: refuses INSERTs that do not come from the audit triggers (42501).';

--
-- Name: audit_rows_digest(bigint, json, json); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_rows_digest(p_id bigint, p_old_rows json, p_new_rows json) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN sha256(convert_to(((((COALESCE((p_id)::text, ''::text) || '||'::text) || COALESCE((p_old_rows)::text, ''::text)) || '|'::text) || COALESCE((p_new_rows)::text, ''::text)), 'UTF8'::name));

--
-- Name: FUNCTION audit_rows_digest(p_id bigint, p_old_rows json, p_new_rows json); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_rows_digest(p_id bigint, p_old_rows json, p_new_rows json) IS 'SHA-256 of the UTF-8 text id||old_rows::text|new_rows::text of an audit event of many rows (record_id empty), NULL written as the empty string: carelog.audit_event_digest''s text for such an event.';

--
-- Name: audit_unchecked(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_unchecked() RETURNS TABLE(month text, first_batch bigint, last_batch bigint, batches bigint, rows bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT to_char((b.created_at AT TIME ZONE 'UTC'::text), 'YYYY-MM'::text) AS to_char,
     min(b.id) AS min,
     max(b.id) AS max,
     count(*) AS count,
     sum(b.row_count) AS sum
    FROM carelog.audit_batch b
   WHERE (NOT (b.created_at <@ carelog.audit_attached_months()))
   GROUP BY (to_char((b.created_at AT TIME ZONE 'UTC'::text), 'YYYY-MM'::text))
   ORDER BY (to_char((b.created_at AT TIME ZONE 'UTC'::text), 'YYYY-MM'::text));
END;

--
-- Name: FUNCTION audit_unchecked(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_unchecked() IS 'Months (UTC) of the audit trail whose events are not attached (detached or archived): the batches written in each and their rows. audit_verify checks their links, not their contents.';

--
-- Name: audit_values_pseudonymized(text, jsonb, bytea, bytea); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_values_pseudonymized(p_table text, p_values jsonb, p_ipad bytea, p_opad bytea) RETURNS jsonb
    LANGUAGE sql STABLE
    AS $$
    SELECT CASE WHEN p_values IS NULL THEN NULL ELSE
        (SELECT coalesce(jsonb_object_agg(
                    CASE WHEN c.pseudonymized = 'patient' THEN 'pseudonym' ELSE v.key END,
                    CASE WHEN c.pseudonymized = 'kept' OR jsonb_typeof(v.value) = 'null' THEN v.value
                         ELSE to_jsonb(
                            CASE c.pseudonymized WHEN 'patient' THEN 'P-' WHEN 'plan' THEN 'PL-' WHEN 'goal' THEN 'G-'
                                                 WHEN 'staff' THEN 'ST-' WHEN 'group' THEN 'GR-' ELSE 'U-' END
                            || encode(substring(sha256(p_opad || sha256(p_ipad || convert_to(
                                   CASE c.pseudonymized
                                       WHEN 'patient' THEN v.value #>> '{}'
                                       WHEN 'goal' THEN 'goal:' || (p_values ->> 'plan_id') || ':' || (v.value #>> '{}')
                                       ELSE c.pseudonymized || ':' || (v.value #>> '{}')
                                   END, 'UTF8'))) FROM 1 FOR 8), 'hex'))
                    END ORDER BY v.key), '{}'::jsonb)
           FROM jsonb_each(p_values) AS v(key, value)
           JOIN carelog.column_class AS c ON c.table_name = p_table AND c.column_name = v.key
          WHERE c.pseudonymized <> 'dropped')
    END
$$;

--
-- Name: FUNCTION audit_values_pseudonymized(p_table text, p_values jsonb, p_ipad bytea, p_opad bytea); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_values_pseudonymized(p_table text, p_values jsonb, p_ipad bytea, p_opad bytea) IS 'Audit old/new values under --pseudonymize, key by key from carelog.column_class: no identifier, date of birth or free text; codes as keyed pseudonyms; unclassified keys dropped.';

--
-- Name: audit_verify(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.audit_verify() RETURNS TABLE(batches_checked bigint, events_checked bigint, first_broken_batch bigint, problem text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    SET work_mem TO '64MB'
    BEGIN ATOMIC
 WITH attached AS (
          SELECT carelog.audit_attached_months() AS months
         ), ev AS (
          SELECT d.batch_id,
             count(*) AS events,
             sum(d.rows) AS rows,
             bool_or(d.wrong_patient) AS wrong_patient,
             sha256(string_agg(d.digest, '\x'::bytea ORDER BY d.id)) AS digest,
             min(d.table_name) AS min_table,
             max(d.table_name) AS max_table,
             min(d.operation) AS min_op,
             max(d.operation) AS max_op
            FROM ( SELECT e.batch_id,
                     e.id,
                     e.table_name,
                     e.operation,
                         CASE
                             WHEN (e.record_id IS NOT NULL) THEN carelog.audit_event_digest(e.id, e.record_id, e.old_values, e.new_values)
                             ELSE carelog.audit_rows_digest(e.id, e.old_rows, e.new_rows)
                         END AS digest,
                         CASE
                             WHEN (e.record_id IS NOT NULL) THEN (1)::bigint
                             ELSE k.rows
                         END AS rows,
                     COALESCE(k.wrong_patient, false) AS wrong_patient
                    FROM (carelog.audit_event e
                      LEFT JOIN LATERAL ( SELECT count(*) AS rows,
                             bool_or((carelog.audit_event_patient_id(e.table_name, ((r.value ->> 'id'::text))::bigint, (r.value)::jsonb, NULL::jsonb) IS DISTINCT FROM e.patient_id)) AS wrong_patient
                            FROM json_array_elements(COALESCE(e.new_rows, e.old_rows)) r(value)) k ON ((e.record_id IS NULL)))) d
           GROUP BY d.batch_id
         ), chain AS (
          SELECT b.id,
             b.row_count,
             b.previous_hash,
             b.hash,
             lag(b.id) OVER (ORDER BY b.id) AS prior_id,
             lag(b.hash) OVER (ORDER BY b.id) AS prior_hash,
             (b.created_at <@ ( SELECT a.months
                    FROM attached a)) AS attached,
             COALESCE(ev.rows, (0)::numeric) AS events,
             COALESCE(ev.wrong_patient, false) AS wrong_patient,
             ((ev.events IS NOT NULL) AND ((ev.min_table IS DISTINCT FROM b.table_name) OR (ev.max_table IS DISTINCT FROM b.table_name) OR (ev.min_op IS DISTINCT FROM b.operation) OR (ev.max_op IS DISTINCT FROM b.operation))) AS events_mismatch,
             carelog.audit_batch_hash(b.id, b.created_at, b.transaction_id, b.db_user, b.acting_staff, b.table_name, b.operation, b.row_count, b.previous_hash, COALESCE(ev.digest, sha256('\x'::bytea))) AS recomputed
            FROM (carelog.audit_batch b
              LEFT JOIN ev ON ((ev.batch_id = b.id)))
         ), problems AS (
          SELECT c.id AS batch_id,
                 CASE
                     WHEN ((c.prior_id IS NULL) AND (c.previous_hash IS DISTINCT FROM carelog.audit_genesis_hash())) THEN 'previous_hash of the first batch is not the genesis value (batches before it are missing)'::text
                     WHEN ((c.prior_id IS NOT NULL) AND (c.previous_hash IS DISTINCT FROM c.prior_hash)) THEN format('previous_hash does not match batch %s'::text, c.prior_id)
                     WHEN (NOT c.attached) THEN NULL::text
                     WHEN ((c.row_count)::numeric IS DISTINCT FROM c.events) THEN format('row_count does not match its events (row_count %s, %s events found)'::text, c.row_count, c.events)
                     WHEN c.events_mismatch THEN 'table_name or operation of its events does not match the batch'::text
                     WHEN c.wrong_patient THEN 'an event of many rows holds a row of another patient'::text
                     WHEN (c.hash IS DISTINCT FROM c.recomputed) THEN 'hash does not match its contents'::text
                     ELSE NULL::text
                 END AS problem
            FROM chain c
         UNION ALL
          SELECT ev.batch_id,
             format('%s audit events belong to batch %s, which does not exist'::text, ev.events, ev.batch_id) AS format
            FROM ev
           WHERE (NOT (EXISTS ( SELECT 1
                    FROM carelog.audit_batch b
                   WHERE (b.id = ev.batch_id))))
         )
  SELECT ( SELECT count(*) AS count
            FROM carelog.audit_batch) AS count,
     ( SELECT (COALESCE(sum(ev.events), (0)::numeric))::bigint AS "coalesce"
            FROM ev) AS "coalesce",
     f.batch_id,
     f.problem
    FROM (( SELECT 1 AS "?column?") one
      LEFT JOIN LATERAL ( SELECT p.batch_id,
             p.problem
            FROM problems p
           WHERE (p.problem IS NOT NULL)
           ORDER BY p.batch_id
          LIMIT 1) f ON (true));
END;

--
-- Name: FUNCTION audit_verify(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.audit_verify() IS 'Recomputes the audit hash chain, events of many rows included. One row: batches_checked, events_checked, and the first broken batch with what is wrong (NULL, NULL when the chain is intact). Batches whose month of events is not attached are linked but not recomputed: see carelog.audit_unchecked().';

--
-- Name: app_user; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.app_user (
    id bigint NOT NULL,
    login text NOT NULL,
    staff_member_id bigint NOT NULL,
    role text NOT NULL,
    site_id bigint,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    created_by text DEFAULT SESSION_USER NOT NULL,
    disabled_at timestamp with time zone,
    disabled_by text,
    CONSTRAINT app_user_disabled_check CHECK ((active = (disabled_at IS NULL))),
    CONSTRAINT app_user_role_check CHECK ((role = ANY (ARRAY['therapist'::text, 'director'::text, 'auditor'::text]))),
    CONSTRAINT app_user_site_only_for_directors CHECK (((site_id IS NULL) OR (role = 'director'::text)))
);

ALTER TABLE ONLY carelog.app_user FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE app_user; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.app_user IS 'Database logins of carelog''s users: which staff member each login is, its group role, and for a director an optional site it is limited to. Written only through carelog.user_add and carelog.user_disable. A disabled login keeps its row (its history stays).';

--
-- Name: COLUMN app_user.login; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.app_user.login IS 'The PostgreSQL role name the person logs in with (session_user).';

--
-- Name: login_staff_id(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.login_staff_id() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT u.staff_member_id
    FROM carelog.app_user u
   WHERE ((u.login = SESSION_USER) AND u.active);
END;

--
-- Name: therapist_assignment; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.therapist_assignment (
    id bigint NOT NULL,
    patient_id bigint NOT NULL,
    therapist_id bigint NOT NULL,
    role text NOT NULL,
    starts_on date NOT NULL,
    ends_on date,
    CONSTRAINT therapist_assignment_dates_check CHECK ((ends_on >= starts_on)),
    CONSTRAINT therapist_assignment_role_check CHECK ((role = ANY (ARRAY['primary'::text, 'secondary'::text])))
);

ALTER TABLE ONLY carelog.therapist_assignment FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE therapist_assignment; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.therapist_assignment IS 'Effective-dated therapist assignments. Active on d when starts_on <= d AND (ends_on IS NULL OR d <= ends_on). At most one primary therapist per patient on any day.';

--
-- Name: COLUMN therapist_assignment.ends_on; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.therapist_assignment.ends_on IS 'INCLUSIVE end date: the last day the assignment applies; NULL while it is current. Not before starts_on.';

--
-- Name: caseload_patient_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.caseload_patient_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 200
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT DISTINCT a.patient_id
    FROM carelog.therapist_assignment a
   WHERE (a.therapist_id = carelog.login_staff_id());
END;

--
-- Name: attendance; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.attendance (
    id bigint NOT NULL,
    session_id bigint NOT NULL,
    patient_id bigint NOT NULL,
    status text NOT NULL,
    minutes_attended integer,
    recorded_by_id bigint NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    session_month date NOT NULL,
    corrected_by_id bigint,
    corrected_at timestamp with time zone,
    correction_reason text,
    CONSTRAINT attendance_minutes_attended_check CHECK ((minutes_attended >= 0)),
    CONSTRAINT attendance_session_month_check CHECK ((session_month = (date_trunc('month'::text, (session_month)::timestamp with time zone))::date)),
    CONSTRAINT attendance_status_check CHECK ((status = ANY (ARRAY['present'::text, 'late'::text, 'left_early'::text, 'absent'::text, 'excused'::text])))
)
PARTITION BY RANGE (session_month);

ALTER TABLE ONLY carelog.attendance FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE attendance; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.attendance IS 'One record per patient per session. Enforced by triggers (SQLSTATE 23514): the session is held (attendance_session_held); the patient has an episode covering the session''s SITE-LOCAL date (attendance_patient_in_care); the group''s gender_focus admits the patient''s gender (attendance_gender_focus).';

--
-- Name: COLUMN attendance.recorded_by_id; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.attendance.recorded_by_id IS 'Who first recorded the record; a correction never changes it (corrected_by_id says who changed it).';

--
-- Name: COLUMN attendance.recorded_at; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.attendance.recorded_at IS 'When the record was entered (for the "recorded late" documentation check).';

--
-- Name: COLUMN attendance.session_month; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.attendance.session_month IS 'First day of the site-local month of the session (carelog.session_month(session_id)): the partition key. Given by the writer, checked by the database (attendance_session_month), moved with its session.';

--
-- Name: COLUMN attendance.correction_reason; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.attendance.correction_reason IS 'Why the record was last corrected (status or minutes changed after it was recorded); NULL when never corrected.';

--
-- Name: caseload_session_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.caseload_session_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 2000
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT DISTINCT a.session_id
    FROM carelog.attendance a
   WHERE (a.patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids));
END;

--
-- Name: change_reason(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.change_reason() RETURNS text
    LANGUAGE sql STABLE
    RETURN NULLIF(btrim(current_setting('carelog.change_reason'::text, true)), ''::text);

--
-- Name: check_cosigner(bigint, bigint, bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.check_cosigner(p_session_id bigint, p_cosigner bigint, p_signer bigint) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF p_cosigner IS NULL
       OR p_cosigner = p_signer
       OR NOT (EXISTS (SELECT 1 FROM carelog.staff AS s WHERE s.id = p_cosigner AND s.role = 'director')
               OR carelog.signing_credential(p_cosigner) IS NOT NULL) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'session_note_cosigner',
            SCHEMA = 'carelog', TABLE = 'session_note',
            MESSAGE = format('the note of %s is co-signed by a director or by a staff member who signs alone, other than its signer',
                             carelog.session_label(p_session_id)),
            HINT = 'Nothing was written. Ask a director or a credentialed therapist (carelog.credential) to co-sign.';
    END IF;
END;
$$;

--
-- Name: closed_period_stamp(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.closed_period_stamp() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    NEW.closed_at    := now();
    NEW.db_user      := session_user;
    NEW.closed_by_id := carelog.acting_staff_member_id();
    RETURN NEW;
END;
$$;

--
-- Name: column_kept(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.column_kept(p_mode text) RETURNS text[]
    LANGUAGE sql STABLE
    AS $$
    SELECT coalesce(array_agg(c.table_name || '.' || c.column_name ORDER BY 1), '{}')
      FROM carelog.column_class AS c
     WHERE p_mode = 'clear'
        OR (p_mode = 'pseudonymised' AND c.pseudonymized = 'kept')
        OR (p_mode = 'deidentified' AND c.deidentified = 'kept')
$$;

--
-- Name: FUNCTION column_kept(p_mode text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.column_kept(p_mode text) IS 'The columns (table.column) an export in this mode writes as stored, from carelog.column_class.';

--
-- Name: counts_as_attended(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.counts_as_attended(status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (status = ANY (ARRAY['present'::text, 'late'::text, 'left_early'::text]));

--
-- Name: FUNCTION counts_as_attended(status text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.counts_as_attended(status text) IS 'An attendance status that counts as having attended: present, late or left early (not absent, not excused).';

--
-- Name: disclosure_refuse_change(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.disclosure_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog'
    AS $$
BEGIN
    RAISE EXCEPTION 'disclosures are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'A disclosure is recorded once and never changed.';
END;
$$;

--
-- Name: disclosure_stamp(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.disclosure_stamp() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    NEW.disclosed_at    := now();
    NEW.db_user         := session_user;
    NEW.acting_staff_id := carelog.acting_staff_member_id();
    NEW.recorded_in     := pg_current_xact_id();
    RETURN NEW;
END;
$$;

--
-- Name: end_sessions_of(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.end_sessions_of(p_login text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: ensure_attendance_partitions(date[]); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.ensure_attendance_partitions(p_months date[]) RETURNS SETOF text
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT n.name
    FROM (( SELECT DISTINCT (date_trunc('month'::text, (m.month)::timestamp with time zone))::date AS month
            FROM unnest(ensure_attendance_partitions.p_months) m(month)
           WHERE (m.month IS NOT NULL)) d
      CROSS JOIN LATERAL carelog.attach_month_partition('attendance'::text, d.month) n(name))
   WHERE (n.name IS NOT NULL)
   ORDER BY d.month;
END;

--
-- Name: FUNCTION ensure_attendance_partitions(p_months date[]); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.ensure_attendance_partitions(p_months date[]) IS 'Creates the attendance partitions of the given months that are missing; returns the names of those it created. Writers call it with the months they write.';

--
-- Name: ensure_audit_partition(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.ensure_audit_partition() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF to_regclass('carelog.audit_event_' || to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM')) IS NULL THEN
        PERFORM carelog.attach_month_partition('audit_event', (now() AT TIME ZONE 'UTC')::date);
    END IF;
END;
$$;

--
-- Name: FUNCTION ensure_audit_partition(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.ensure_audit_partition() IS 'Creates the audit_event partition of the current (UTC) month if it is missing. Called by audit_lock before every audited statement.';

--
-- Name: ensure_partitions(date); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.ensure_partitions(p_through date) RETURNS SETOF text
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT n.name
    FROM ((( VALUES ('attendance'::text), ('audit_event'::text)) t(table_name)
      CROSS JOIN LATERAL generate_series((date_trunc('month'::text, (now() AT TIME ZONE 'UTC'::text)) -
         CASE t.table_name
             WHEN 'attendance'::text THEN '1 mon'::interval
             ELSE '00:00:00'::interval
         END), date_trunc('month'::text, (ensure_partitions.p_through)::timestamp without time zone), '1 mon'::interval) m(month))
      CROSS JOIN LATERAL carelog.attach_month_partition(t.table_name, (m.month)::date) n(name))
   WHERE (n.name IS NOT NULL)
   ORDER BY m.month, t.table_name;
END;

--
-- Name: FUNCTION ensure_partitions(p_through date); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.ensure_partitions(p_through date) IS 'Creates the missing monthly partitions of attendance and audit_event from the current month through the month of the argument; returns the names of those it created.';

--
-- Name: episode_days(date, date); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.episode_days(admitted_on date, discharged_on date) RETURNS daterange
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN daterange(admitted_on, CASE WHEN (discharged_on IS NOT NULL) THEN GREATEST(discharged_on, (admitted_on + 1)) ELSE NULL::date END, '[)'::text);

--
-- Name: episode_truncate_guard(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.episode_truncate_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM carelog.attendance) THEN
        RAISE EXCEPTION USING
            ERRCODE    = 'check_violation',
            CONSTRAINT = 'attendance_patient_in_care',
            SCHEMA     = 'carelog',
            TABLE      = 'episode',
            MESSAGE    = 'episodes cannot be truncated while attendance is recorded: attendance can only be recorded for a patient in care on the day of the session',
            HINT       = 'Truncate attendance first, or delete episodes row by row.';
    END IF;
    RETURN NULL;
END;
$$;

--
-- Name: FUNCTION episode_truncate_guard(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.episode_truncate_guard() IS 'Statement trigger: refuses TRUNCATE of episode while attendance rows exist.';

--
-- Name: care_group; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.care_group (
    id bigint NOT NULL,
    group_code text NOT NULL,
    name text NOT NULL,
    modality text NOT NULL,
    gender_focus text DEFAULT 'all'::text NOT NULL,
    kind text NOT NULL,
    site_id bigint NOT NULL,
    capacity integer,
    facilitator_id bigint,
    CONSTRAINT care_group_capacity_check CHECK ((capacity > 0)),
    CONSTRAINT care_group_gender_focus_check CHECK ((gender_focus = ANY (ARRAY['all'::text, 'women'::text, 'men'::text]))),
    CONSTRAINT care_group_group_code_check CHECK ((group_code <> ''::text)),
    CONSTRAINT care_group_kind_check CHECK ((kind = ANY (ARRAY['open'::text, 'closed'::text]))),
    CONSTRAINT care_group_modality_check CHECK ((modality = ANY (ARRAY['twelve_step'::text, 'process'::text, 'relapse_prevention'::text, 'education'::text, 'family'::text, 'smart_recovery'::text, 'activity'::text, 'individual'::text])))
);

ALTER TABLE ONLY carelog.care_group FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE care_group; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.care_group IS 'Therapy and support groups ("group" is a reserved word). Its site''s time zone decides the local date of its sessions.';

--
-- Name: COLUMN care_group.gender_focus; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.care_group.gender_focus IS 'all, women or men: ''women'' admits only female patients, ''men'' only male patients (enforced on attendance).';

--
-- Name: COLUMN care_group.kind; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.care_group.kind IS 'open: drop-in (e.g. a 12-step meeting); closed: fixed roster kept in group_enrollment.';

--
-- Name: COLUMN care_group.facilitator_id; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.care_group.facilitator_id IS 'Usual facilitator (optional); each session records its own.';

--
-- Name: group_cofacilitator; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.group_cofacilitator (
    id bigint NOT NULL,
    group_id bigint NOT NULL,
    staff_member_id bigint NOT NULL
);

ALTER TABLE ONLY carelog.group_cofacilitator FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE group_cofacilitator; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.group_cofacilitator IS 'Staff members who run a group beside its facilitator (import cofacilitators): they write its sessions and attendance like the facilitator.';

--
-- Name: facilitated_group_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.facilitated_group_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 10
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT g.id
    FROM carelog.care_group g
   WHERE (g.facilitator_id = carelog.login_staff_id())
 UNION
  SELECT c.group_id
    FROM carelog.group_cofacilitator c
   WHERE (c.staff_member_id = carelog.login_staff_id());
END;

--
-- Name: group_session; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.group_session (
    id bigint NOT NULL,
    group_id bigint NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    duration_minutes integer DEFAULT 60 NOT NULL,
    facilitator_id bigint NOT NULL,
    status text DEFAULT 'held'::text NOT NULL,
    CONSTRAINT group_session_duration_minutes_check CHECK ((duration_minutes > 0)),
    CONSTRAINT group_session_status_check CHECK ((status = ANY (ARRAY['held'::text, 'cancelled'::text])))
);

ALTER TABLE ONLY carelog.group_session FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE group_session; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.group_session IS 'One meeting of a group. Its day is the site-local date (starts_at AT TIME ZONE timezone of the group''s site)::date. A session with attendance cannot be cancelled, moved to another group or re-timed so that the attendance rules break.';

--
-- Name: facilitated_session_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.facilitated_session_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 2000
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT s.id
    FROM carelog.group_session s
   WHERE (s.facilitator_id = carelog.login_staff_id())
 UNION
  SELECT s.id
    FROM carelog.group_session s
   WHERE (s.group_id IN ( SELECT carelog.facilitated_group_ids() AS facilitated_group_ids));
END;

--
-- Name: session_note; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.session_note (
    id bigint NOT NULL,
    session_id bigint NOT NULL,
    topic text,
    interventions text,
    minutes integer,
    service_code_id bigint,
    status text DEFAULT 'draft'::text NOT NULL,
    author_id bigint NOT NULL,
    written_at timestamp with time zone DEFAULT now() NOT NULL,
    db_user text DEFAULT SESSION_USER NOT NULL,
    signed_by_id bigint,
    signed_at timestamp with time zone,
    signer_credential text,
    cosign_required boolean DEFAULT false NOT NULL,
    cosigned_by_id bigint,
    cosigned_at timestamp with time zone,
    CONSTRAINT session_note_cosignature_check CHECK ((((cosigned_by_id IS NULL) = (cosigned_at IS NULL)) AND ((cosigned_by_id IS NULL) OR cosign_required))),
    CONSTRAINT session_note_minutes_check CHECK ((minutes > 0)),
    CONSTRAINT session_note_signature_check CHECK (((status = 'signed'::text) = ((signed_by_id IS NOT NULL) AND (signed_at IS NOT NULL)))),
    CONSTRAINT session_note_signed_complete CHECK (((status = 'draft'::text) OR ((btrim(topic) <> ''::text) AND (btrim(interventions) <> ''::text) AND (minutes IS NOT NULL) AND (service_code_id IS NOT NULL)))),
    CONSTRAINT session_note_status_check CHECK ((status = ANY (ARRAY['draft'::text, 'signed'::text])))
);

ALTER TABLE ONLY carelog.session_note FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE session_note; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.session_note IS 'The progress note of one group session: draft until signed, then final (only a co-signature and addenda follow). Awaiting co-signature: signed, cosign_required and not co-signed.';

--
-- Name: COLUMN session_note.cosign_required; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.session_note.cosign_required IS 'Set when signed: none of the signer''s credentials signs alone (carelog.credential).';

--
-- Name: facilitated_note_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.facilitated_note_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 2000
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT n.id
    FROM carelog.session_note n
   WHERE (n.session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids));
END;

--
-- Name: gender_focus_admits(text, text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.gender_focus_admits(gender_focus text, gender text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ((gender_focus = 'all'::text) OR ((gender_focus = 'women'::text) AND (gender = 'female'::text)) OR ((gender_focus = 'men'::text) AND (gender = 'male'::text)));

--
-- Name: FUNCTION gender_focus_admits(gender_focus text, gender text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.gender_focus_admits(gender_focus text, gender text) IS 'Gender-focus rule of attendance: ''women'' admits ''female'', ''men'' admits ''male'', ''all'' admits everyone.';

--
-- Name: group_enrollment_truncate_guard(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.group_enrollment_truncate_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: group_session_keep_facilitator(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.group_session_keep_facilitator() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: hand_to_owner(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.hand_to_owner() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    o record;
BEGIN
    ALTER SCHEMA carelog OWNER TO carelog_owner;
    FOR o IN
        SELECT c.oid::regclass AS name, c.relkind
          FROM pg_class AS c
          JOIN pg_namespace AS n ON n.oid = c.relnamespace
         WHERE n.nspname = 'carelog'
           AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
           AND c.relowner <> 'carelog_owner'::regrole
           AND NOT EXISTS (SELECT 1 FROM pg_depend AS d
                            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
         ORDER BY c.relkind = 'p' DESC, c.oid
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO carelog_owner',
                       CASE o.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                      WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE'
                                      ELSE 'TABLE' END,
                       o.name);
    END LOOP;
    FOR o IN
        SELECT p.oid::regprocedure AS name
          FROM pg_proc AS p
          JOIN pg_namespace AS n ON n.oid = p.pronamespace
         WHERE n.nspname = 'carelog'
           AND p.proowner <> 'carelog_owner'::regrole
           AND NOT EXISTS (SELECT 1 FROM pg_depend AS d
                            WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO carelog_owner', o.name);
    END LOOP;
END;
$$;

--
-- Name: has_utc_offset(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.has_utc_offset(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (value ~ '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$'::text);

--
-- Name: is_boolean_text(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.is_boolean_text(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (lower(value) = ANY (ARRAY['true'::text, 'false'::text, 't'::text, 'f'::text, 'yes'::text, 'no'::text, 'y'::text, 'n'::text, '1'::text, '0'::text]));

--
-- Name: is_decimal(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.is_decimal(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (value ~ '^[+-]?([0-9]{1,15}(\.[0-9]{0,6})?|\.[0-9]{1,6})$'::text);

--
-- Name: is_iso_date(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.is_iso_date(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (value !~ '^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'::text) THEN false WHEN (substr(value, 9, 2) <= '28'::text) THEN true ELSE ((substr(value, 9, 2))::integer <= (EXTRACT(day FROM ((make_date((substr(value, 1, 4))::integer, (substr(value, 6, 2))::integer, 1) + '1 mon'::interval) - '1 day'::interval)))::integer) END;

--
-- Name: is_import_timestamp(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.is_import_timestamp(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$'::text) THEN false ELSE carelog.is_iso_date(substr(value, 1, 10)) END;

--
-- Name: is_integer(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.is_integer(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (value !~ '^[+-]?[0-9]{1,10}$'::text) THEN false ELSE (((value)::bigint >= '-2147483648'::integer) AND ((value)::bigint <= 2147483647)) END;

--
-- Name: modality; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.modality (
    id bigint NOT NULL,
    code text NOT NULL,
    mutual_help boolean DEFAULT false NOT NULL,
    CONSTRAINT modality_code_check CHECK ((code = ANY (ARRAY['twelve_step'::text, 'process'::text, 'relapse_prevention'::text, 'education'::text, 'family'::text, 'smart_recovery'::text, 'activity'::text, 'individual'::text]))),
    CONSTRAINT modality_twelve_step_mutual_help CHECK (((code <> 'twelve_step'::text) OR mutual_help))
);

ALTER TABLE ONLY carelog.modality FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE modality; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.modality IS 'Group modalities. mutual_help: attendance at groups of this modality counts as self-help (mutual-help) attendance for the TEDS self-help item (twelve_step always; a director marks others, such as smart_recovery, when the program''s meetings of it are peer-led).';

--
-- Name: is_mutual_help(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.is_mutual_help(modality text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN ((modality = 'twelve_step'::text) OR COALESCE((SELECT m.mutual_help FROM carelog.modality m WHERE (m.code = is_mutual_help.modality)), false));

--
-- Name: FUNCTION is_mutual_help(modality text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.is_mutual_help(modality text) IS 'Whether meetings of a group of this modality are mutual-help (self-help) meetings: twelve_step, or a modality marked mutual_help.';

--
-- Name: is_valid_timezone(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.is_valid_timezone(tz text) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN (EXISTS (SELECT 1 FROM pg_timezone_names z WHERE ((z.name = is_valid_timezone.tz) AND (z.name <> ALL (ARRAY['localtime'::text, 'posixrules'::text])) AND (z.name !~~ 'posix/%'::text) AND (z.name !~~ 'right/%'::text))));

--
-- Name: FUNCTION is_valid_timezone(tz text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.is_valid_timezone(tz text) IS 'True when the argument is an IANA time zone name known to this server, exactly as spelled in pg_timezone_names. STABLE: depends on the installed time zone database.';

--
-- Name: known_group_code(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.known_group_code(typed text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT COALESCE(( SELECT g.group_code
            FROM carelog.care_group g
           WHERE (g.group_code = known_group_code.typed)), ( SELECT min(g.group_code) AS min
            FROM carelog.care_group g
           WHERE (upper(g.group_code) = upper(known_group_code.typed))
          HAVING (count(*) = 1)), typed) AS "coalesce";
END;

--
-- Name: FUNCTION known_group_code(typed text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.known_group_code(typed text) IS 'The stored group code a command-line --group means: the exact code when it exists, else the one code (among the groups this login may read) that differs only in case, else the text as typed (which then matches nothing). Imports match codes exactly.';

--
-- Name: local_month(timestamp with time zone, text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.local_month(instant timestamp with time zone, tz text) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (date_trunc('month'::text, (instant AT TIME ZONE tz)))::date;

--
-- Name: FUNCTION local_month(instant timestamp with time zone, tz text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.local_month(instant timestamp with time zone, tz text) IS 'First day of the local calendar month of an instant in the given IANA time zone: the session_month of a session''s attendance.';

--
-- Name: lock_attendance_context(bigint[], bigint[]); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.lock_attendance_context(p_session_ids bigint[], p_patient_ids bigint[]) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    SET plan_cache_mode TO 'force_custom_plan'
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

--
-- Name: FUNCTION lock_attendance_context(p_session_ids bigint[], p_patient_ids bigint[]); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.lock_attendance_context(p_session_ids bigint[], p_patient_ids bigint[]) IS 'Takes FOR SHARE locks on the given sessions, their groups and sites, the given patients and their episodes: the rows the attendance rules read. Internal.';

--
-- Name: open_group_site_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.open_group_site_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 2
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT DISTINCT g.site_id
    FROM carelog.care_group g
   WHERE ((g.facilitator_id = carelog.login_staff_id()) AND (g.kind = 'open'::text));
END;

--
-- Name: session_is_login(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.session_is_login() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT (EXISTS ( SELECT 1
            FROM carelog.app_user u
           WHERE (u.login = SESSION_USER))) AS "exists";
END;

--
-- Name: group_enrollment; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.group_enrollment (
    id bigint NOT NULL,
    group_id bigint NOT NULL,
    patient_id bigint NOT NULL,
    starts_on date NOT NULL,
    ends_on date,
    CONSTRAINT group_enrollment_dates_check CHECK ((ends_on >= starts_on))
);

ALTER TABLE ONLY carelog.group_enrollment FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE group_enrollment; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.group_enrollment IS 'Effective-dated roster of closed groups; history is kept, never overwritten. Active on d when starts_on <= d AND (ends_on IS NULL OR d <= ends_on). Enrollments of one patient in one group do not overlap.';

--
-- Name: COLUMN group_enrollment.ends_on; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.group_enrollment.ends_on IS 'INCLUSIVE end date: the last day of the enrollment; NULL while enrolled. Not before starts_on.';

--
-- Name: patient; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.patient (
    id bigint NOT NULL,
    mrn text NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    date_of_birth date NOT NULL,
    gender text NOT NULL,
    site_id bigint NOT NULL,
    CONSTRAINT patient_gender_check CHECK ((gender = ANY (ARRAY['female'::text, 'male'::text, 'nonbinary'::text, 'unknown'::text]))),
    CONSTRAINT patient_mrn_check CHECK ((mrn <> ''::text))
);

ALTER TABLE ONLY carelog.patient FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE patient; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.patient IS 'Patients. 42 CFR Part 2 records: access is restricted by role (see later migrations).';

--
-- Name: COLUMN patient.mrn; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.patient.mrn IS 'Medical record number, the natural key. Text: leading zeros are significant.';

--
-- Name: COLUMN patient.gender; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.patient.gender IS 'female, male, nonbinary or unknown. Decides which gender-focused groups the patient may attend.';

--
-- Name: therapist_patient_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.therapist_patient_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 500
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT carelog.caseload_patient_ids() AS caseload_patient_ids
 UNION
  SELECT p.id
    FROM carelog.patient p
   WHERE (p.site_id IN ( SELECT carelog.open_group_site_ids() AS open_group_site_ids))
 UNION
  SELECT e.patient_id
    FROM carelog.group_enrollment e
   WHERE (e.group_id IN ( SELECT carelog.facilitated_group_ids() AS facilitated_group_ids));
END;

--
-- Name: login_reads_patient(bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.login_reads_patient(p_patient_id bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT
         CASE
             WHEN (NOT carelog.session_is_login()) THEN true
             ELSE COALESCE(( SELECT
                     CASE
                         WHEN (NOT u.active) THEN false
                         WHEN (u.role = 'auditor'::text) THEN true
                         WHEN (u.role = 'director'::text) THEN ((u.site_id IS NULL) OR (u.site_id = p.site_id))
                         ELSE (p.id IN ( SELECT carelog.therapist_patient_ids() AS therapist_patient_ids))
                     END AS "case"
                FROM carelog.app_user u,
                 carelog.patient p
               WHERE ((u.login = SESSION_USER) AND (p.id = login_reads_patient.p_patient_id))), false)
         END AS "coalesce";
END;

--
-- Name: FUNCTION login_reads_patient(p_patient_id bigint); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.login_reads_patient(p_patient_id bigint) IS 'Whether the session''s login may read the patient (the patient policies of 008, restated for error messages; a test keeps them equal).';

--
-- Name: login_role(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.login_role() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT u.role
    FROM carelog.app_user u
   WHERE ((u.login = SESSION_USER) AND u.active);
END;

--
-- Name: login_site_id(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.login_site_id() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT
         CASE
             WHEN (EXISTS ( SELECT 1
                FROM carelog.app_user u
               WHERE ((u.login = SESSION_USER) AND u.active))) THEN ( SELECT u.site_id
                FROM carelog.app_user u
               WHERE ((u.login = SESSION_USER) AND u.active))
             WHEN ( SELECT (r.rolsuper OR r.rolbypassrls)
                FROM pg_roles r
               WHERE (r.rolname = SESSION_USER)) THEN NULL::bigint
             ELSE ('-1'::integer)::bigint
         END AS "case";
END;

--
-- Name: month_partitions(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.month_partitions() RETURNS TABLE(table_name text, month date, partition_name text, bounds text, estimated_rows bigint, total_bytes bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT (parent.relname)::text AS relname,
     to_date("substring"((child.relname)::text, '(\d{4}_\d{2})$'::text), 'YYYY_MM'::text) AS to_date,
     (child.relname)::text AS relname,
     pg_get_expr(child.relpartbound, child.oid) AS pg_get_expr,
     (GREATEST(child.reltuples, (0)::real))::bigint AS "greatest",
     pg_total_relation_size((child.oid)::regclass) AS pg_total_relation_size
    FROM ((pg_inherits i
      JOIN pg_class parent ON ((parent.oid = i.inhparent)))
      JOIN pg_class child ON ((child.oid = i.inhrelid)))
   WHERE (parent.oid = ANY (ARRAY[('carelog.attendance'::regclass)::oid, ('carelog.audit_event'::regclass)::oid]))
   ORDER BY parent.relname, child.relname;
END;

--
-- Name: note_addendum_stamp(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.note_addendum_stamp() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_note      record;
    v_restoring boolean := carelog.restoring_notes();
BEGIN
    SELECT n.status, n.session_id INTO v_note FROM carelog.session_note AS n WHERE n.id = NEW.session_note_id;
    IF v_note.status IS DISTINCT FROM 'signed' THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'note_addendum_signed_note',
            SCHEMA = 'carelog', TABLE = 'note_addendum',
            MESSAGE = format('the note of %s is a draft: an addendum follows a signed note', carelog.session_label(v_note.session_id)),
            HINT = 'Nothing was written. Change the draft itself (carelog note save), then sign it.';
    END IF;
    IF NEW.patient_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM carelog.participant_note AS pn
                        WHERE pn.session_note_id = NEW.session_note_id AND pn.patient_id = NEW.patient_id) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'note_addendum_section',
            SCHEMA = 'carelog', TABLE = 'note_addendum',
            MESSAGE = format('the note of %s has no section of this patient', carelog.session_label(v_note.session_id)),
            HINT = 'Nothing was written. Add the addendum to the note as a whole (without --mrn).';
    END IF;
    IF v_restoring THEN
        NEW.author_id := coalesce(NEW.author_id, carelog.acting_staff_member_id());
        NEW.added_at := coalesce(NEW.added_at, now());
        NEW.db_user := coalesce(NEW.db_user, session_user);
    ELSE
        NEW.author_id := carelog.acting_staff_member_id();
        NEW.added_at := now();
        NEW.db_user := session_user;
    END IF;
    IF NEW.author_id IS NULL THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'note_addendum_author',
            SCHEMA = 'carelog', TABLE = 'note_addendum',
            MESSAGE = 'an addendum needs its author: no acting staff member is set',
            HINT = 'Nothing was written. Give --by (psql: SET LOCAL carelog.acting_staff = ''T042'').';
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: note_state(bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.note_state(session_id bigint) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT
         CASE
             WHEN (s.status = 'cancelled'::text) THEN ''::text
             WHEN (NOT (EXISTS ( SELECT 1
                FROM carelog.attendance a
               WHERE ((a.session_id = s.id) AND carelog.counts_as_attended(a.status))))) THEN ''::text
             WHEN (n.id IS NULL) THEN 'missing'::text
             WHEN (n.status = 'draft'::text) THEN 'draft'::text
             WHEN (n.cosign_required AND (n.cosigned_at IS NULL)) THEN 'awaiting co-signature'::text
             ELSE 'signed'::text
         END AS "case"
    FROM (carelog.group_session s
      LEFT JOIN carelog.session_note n ON ((n.session_id = s.id)))
   WHERE (s.id = note_state.session_id);
END;

--
-- Name: FUNCTION note_state(session_id bigint); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.note_state(session_id bigint) IS 'State of a session''s note as this login sees it: empty when no note is due (cancelled, or nobody attended), else missing (none, or none this login may read), draft, awaiting co-signature or signed.';

--
-- Name: participant_label(bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.participant_label(p_patient_id bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT
         CASE
             WHEN carelog.login_reads_patient(p_patient_id) THEN ( SELECT ('MRN '::text || p.mrn)
                FROM carelog.patient p
               WHERE (p.id = participant_label.p_patient_id))
             ELSE 'a patient this login may not read'::text
         END AS "case";
END;

--
-- Name: participant_note_guard(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.participant_note_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_note     record;
    v_status   text;
    v_bad      text;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE')
       AND (SELECT n.status FROM carelog.session_note AS n WHERE n.id = OLD.session_note_id) = 'signed' THEN
        PERFORM carelog.refuse_change_signed_note(OLD.session_note_id, 'a participant''s section');
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    SELECT n.status, n.session_id, carelog.site_local_date(s.starts_at, st.timezone) AS day
      INTO v_note
      FROM carelog.session_note AS n
      JOIN carelog.group_session AS s ON s.id = n.session_id
      JOIN carelog.care_group AS g ON g.id = s.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE n.id = NEW.session_note_id;
    -- Restoring (020): a note inserted signed takes its sections after it.
    IF v_note.status = 'signed' AND NOT (TG_OP = 'INSERT' AND carelog.restoring_notes()) THEN
        PERFORM carelog.refuse_change_signed_note(NEW.session_note_id, 'its list of participants');
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.session_note_id, NEW.patient_id) IS DISTINCT FROM (OLD.session_note_id, OLD.patient_id) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'participant_note_fixed',
            SCHEMA = 'carelog', TABLE = 'participant_note',
            MESSAGE = 'a participant''s section stays with its note and patient',
            HINT = 'Nothing was written.';
    END IF;
    IF NOT (NEW.written_at IS NOT NULL AND carelog.restoring_notes()) THEN
        NEW.written_at := now();
    END IF;
    NEW.goal_ids := coalesce(NEW.goal_ids, '{}');

    -- The session's month names the one partition to read (sql/015).
    SELECT a.status INTO v_status
      FROM carelog.attendance AS a
     WHERE a.session_month = date_trunc('month', v_note.day)::date
       AND a.session_id = v_note.session_id AND a.patient_id = NEW.patient_id;
    IF v_status IS NULL OR v_status NOT IN ('present', 'late', 'left_early') THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'participant_note_attended',
            SCHEMA = 'carelog', TABLE = 'participant_note',
            MESSAGE = format('%s did not attend %s (%s): a section is written for a patient who attended',
                             carelog.participant_label(NEW.patient_id), carelog.session_label(v_note.session_id),
                             coalesce(v_status, 'no record')),
            HINT = 'Nothing was written. Record the attendance first (carelog attendance record), or leave the section out.';
    END IF;

    IF cardinality(NEW.goal_ids) > 0 THEN
        SELECT string_agg(x.goal_id::text, ', ' ORDER BY x.goal_id) INTO v_bad
          FROM unnest(NEW.goal_ids) AS x(goal_id)
         WHERE NOT EXISTS (
                   SELECT 1
                     FROM carelog.plan_goal AS pg
                     JOIN carelog.treatment_plan AS tp ON tp.id = pg.plan_id
                    WHERE pg.id = x.goal_id
                      AND tp.patient_id = NEW.patient_id
                      AND tp.created_on <= v_note.day AND (tp.closed_on IS NULL OR v_note.day < tp.closed_on)
                      AND (pg.status = 'open' OR pg.status_on > v_note.day));
        IF v_bad IS NOT NULL THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'participant_note_goal',
                SCHEMA = 'carelog', TABLE = 'participant_note',
                MESSAGE = format('the section of %s names goal ids %s, which are not goals of that patient''s plan open on %s',
                                 carelog.participant_label(NEW.patient_id), v_bad, v_note.day),
                HINT = 'Nothing was written. Name only the patient''s own goals open on the session''s day (carelog note draft lists them).';
        END IF;
        IF cardinality(NEW.goal_ids) > 1
           AND cardinality(NEW.goal_ids) <> (SELECT count(DISTINCT x) FROM unnest(NEW.goal_ids) AS x) THEN
            NEW.goal_ids := ARRAY(SELECT DISTINCT x FROM unnest(NEW.goal_ids) AS x ORDER BY x);
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: partition_refuse_direct_write(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.partition_refuse_direct_write() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = 'insufficient_privilege',
        SCHEMA  = TG_TABLE_SCHEMA,
        TABLE   = TG_TABLE_NAME,
        MESSAGE = format('%s on %I.%I is not allowed: it is a monthly partition of %I.%I',
                         TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_TABLE_SCHEMA,
                         (SELECT c.relname FROM pg_catalog.pg_inherits AS i
                            JOIN pg_catalog.pg_class AS c ON c.oid = i.inhparent
                           WHERE i.inhrelid = TG_RELID)),
        DETAIL  = 'A write that names a partition would escape the checks and the audit trail of its table.',
        HINT    = 'Write to the partitioned table itself.';
END;
$$;

--
-- Name: FUNCTION partition_refuse_direct_write(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.partition_refuse_direct_write() IS 'Statement trigger on every monthly partition: refuses INSERT, UPDATE, DELETE and TRUNCATE naming the partition (42501); writes go through the parent table.';

--
-- Name: plan_review_check_closed_month(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.plan_review_check_closed_month() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: primary_patient_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.primary_patient_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 100
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT DISTINCT a.patient_id
    FROM carelog.therapist_assignment a
   WHERE ((a.therapist_id = carelog.login_staff_id()) AND (a.role = 'primary'::text));
END;

--
-- Name: participant_note; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.participant_note (
    id bigint NOT NULL,
    session_note_id bigint NOT NULL,
    patient_id bigint NOT NULL,
    participation text,
    response text,
    progress text,
    goal_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    written_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY carelog.participant_note FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE participant_note; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.participant_note IS 'One patient''s section of a session note: for a patient who attended; goal_ids are plan_goal ids of the patient''s plan active on the session''s day, open that day. Read by the session''s facilitators, the patient''s primary therapist, directors and auditors.';

--
-- Name: primary_patient_note_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.primary_patient_note_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 500
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT DISTINCT pn.session_note_id
    FROM carelog.participant_note pn
   WHERE (pn.patient_id IN ( SELECT carelog.primary_patient_ids() AS primary_patient_ids));
END;

--
-- Name: refuse_change_append_only(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.refuse_change_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog'
    AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'These rows are recorded once and never changed.';
END;
$$;

--
-- Name: refuse_change_signed_note(bigint, text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.refuse_change_signed_note(p_session_note_id bigint, p_what text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = 'check_violation',
        CONSTRAINT = 'session_note_signed_is_final',
        SCHEMA = 'carelog', TABLE = 'session_note',
        MESSAGE = format('the note of %s is signed: %s is never changed',
                         (SELECT carelog.session_label(n.session_id) FROM carelog.session_note AS n WHERE n.id = p_session_note_id),
                         p_what),
        HINT = 'Nothing was written. Add an addendum instead: carelog note addendum --group G --at T --text "…".';
END;
$$;

--
-- Name: refuse_truncate_notes(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.refuse_truncate_notes() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog'
    AS $$
BEGIN
    RAISE EXCEPTION '% is not truncated: signed notes are final', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Delete drafts one by one; a signed note takes only addenda.';
END;
$$;

--
-- Name: required_sessions(numeric); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.required_sessions(session_days numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (session_days / (7)::numeric);

--
-- Name: FUNCTION required_sessions(session_days numeric); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.required_sessions(session_days numeric) IS 'Sessions required by treatment plans, given the sum over plan requirements of sessions_per_week × the days (of the span asked about) on which the plan is active and the patient in care. Unrounded.';

--
-- Name: resolve_acting_staff(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.resolve_acting_staff(p_claimed text, OUT staff_id text, OUT problem text, OUT rule text) RETURNS record
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: FUNCTION resolve_acting_staff(p_claimed text, OUT staff_id text, OUT problem text, OUT rule text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.resolve_acting_staff(p_claimed text, OUT staff_id text, OUT problem text, OUT rule text) IS 'Who a write is recorded as made by: the login''s own staff member, or (for a director, or a session that is not a carelog login) the claimed one. problem says why the write may not go ahead, NULL when it may. Used by the audit trigger and, for an early clear message, by carelog itself.';

--
-- Name: restoring_notes(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.restoring_notes() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT ((COALESCE(current_setting('carelog.restore_notes'::text, true), ''::text) = 'on'::text) AND (NOT carelog.session_is_login()));
END;

--
-- Name: FUNCTION restoring_notes(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.restoring_notes() IS 'True in a session that is no login (owner, superuser) and has set carelog.restore_notes = on: notes are written as they were (import bundle, seed), with their authors, signers and times.';

--
-- Name: roll_closure_stamp(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.roll_closure_stamp() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: run_log_refuse_change(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.run_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog'
    AS $$
BEGIN
    RAISE EXCEPTION 'the run log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Runs are recorded once and never changed.';
END;
$$;

--
-- Name: run_log_stamp(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.run_log_stamp() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    NEW.ran_at  := now();
    NEW.db_user := session_user;
    RETURN NEW;
END;
$$;

--
-- Name: site_local_date(timestamp with time zone, text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.site_local_date(instant timestamp with time zone, tz text) RETURNS date
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ((instant AT TIME ZONE tz))::date;

--
-- Name: FUNCTION site_local_date(instant timestamp with time zone, tz text); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.site_local_date(instant timestamp with time zone, tz text) IS 'Local calendar date of an instant in the given IANA time zone. A session''s "day" is site_local_date(starts_at, timezone of the group''s site).';

--
-- Name: site; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.site (
    id bigint NOT NULL,
    site_code text NOT NULL,
    name text NOT NULL,
    timezone text NOT NULL,
    CONSTRAINT site_site_code_check CHECK ((site_code <> ''::text))
);

ALTER TABLE ONLY carelog.site FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE site; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.site IS 'A treatment site (program location). Every "day" and "month" in reports is local to the site''s time zone.';

--
-- Name: COLUMN site.timezone; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.site.timezone IS 'IANA time zone name, e.g. America/New_York. A group session''s day is (starts_at AT TIME ZONE timezone)::date of the group''s site.';

--
-- Name: self_help_meetings(bigint, date); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.self_help_meetings(patient_id bigint, discharged_on date) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
 SELECT count(*) AS count
    FROM carelog.attendance a
   WHERE ((a.patient_id = self_help_meetings.patient_id) AND carelog.counts_as_attended(a.status) AND ((a.session_month >= (date_trunc('month'::text, ((self_help_meetings.discharged_on - 31))::timestamp with time zone))::date) AND (a.session_month <= (date_trunc('month'::text, ((self_help_meetings.discharged_on + 1))::timestamp with time zone))::date)) AND ( SELECT (carelog.is_mutual_help(g.modality) AND ((carelog.site_local_date(gs.starts_at, st.timezone) >= (self_help_meetings.discharged_on - 30)) AND (carelog.site_local_date(gs.starts_at, st.timezone) <= self_help_meetings.discharged_on)))
            FROM ((carelog.group_session gs
              JOIN carelog.care_group g ON ((g.id = gs.group_id)))
              JOIN carelog.site st ON ((st.id = g.site_id)))
           WHERE (gs.id = a.session_id)));
END;

--
-- Name: FUNCTION self_help_meetings(patient_id bigint, discharged_on date); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.self_help_meetings(patient_id bigint, discharged_on date) IS 'Mutual-help meetings (is_mutual_help) the patient attended (present, late, left early) on the site-local days discharged_on − 30 through discharged_on: the 30 days in care before discharge, and the discharge day. Reads attendance under the caller''s row security.';

--
-- Name: session_label(bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.session_label(p_session_id bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT ((g.group_code || ' at '::text) || to_char((s.starts_at AT TIME ZONE st.timezone), 'YYYY-MM-DD HH24:MI'::text))
    FROM ((carelog.group_session s
      JOIN carelog.care_group g ON ((g.id = s.group_id)))
      JOIN carelog.site st ON ((st.id = g.site_id)))
   WHERE (s.id = session_label.p_session_id);
END;

--
-- Name: session_month(bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.session_month(p_session_id bigint) RETURNS date
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    BEGIN ATOMIC
 SELECT carelog.local_month(s.starts_at, st.timezone) AS local_month
    FROM ((carelog.group_session s
      JOIN carelog.care_group g ON ((g.id = s.group_id)))
      JOIN carelog.site st ON ((st.id = g.site_id)))
   WHERE (s.id = session_month.p_session_id);
END;

--
-- Name: FUNCTION session_month(p_session_id bigint); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.session_month(p_session_id bigint) IS 'First day of the site-local month of a session: the value of attendance.session_month for its attendance.';

--
-- Name: session_note_guard(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.session_note_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_staff     bigint;
    v_status    text;
    v_restoring boolean := carelog.restoring_notes();
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT s.status INTO v_status FROM carelog.group_session AS s WHERE s.id = NEW.session_id;
        IF v_status IS DISTINCT FROM 'held' THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_session_held',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = format('%s was not held: only a held session has a note', carelog.session_label(NEW.session_id)),
                HINT = 'Nothing was written.';
        END IF;
        IF v_restoring THEN
            -- As it was: the given author, signer, co-signer and times (the server's
            -- stamps where none is given); the constraints check a signed note whole.
            NEW.author_id := coalesce(NEW.author_id, carelog.acting_staff_member_id());
            NEW.written_at := coalesce(NEW.written_at, now());
            NEW.db_user := coalesce(NEW.db_user, session_user);
            IF NEW.author_id IS NULL THEN
                RAISE EXCEPTION USING
                    ERRCODE = 'check_violation', CONSTRAINT = 'session_note_author',
                    SCHEMA = 'carelog', TABLE = 'session_note',
                    MESSAGE = format('the note of %s has no author', carelog.session_label(NEW.session_id)),
                    HINT = 'Nothing was written. Give the note''s author.';
            END IF;
            IF NEW.status = 'draft' THEN
                NEW.signed_by_id := NULL; NEW.signed_at := NULL; NEW.signer_credential := NULL;
                NEW.cosign_required := false; NEW.cosigned_by_id := NULL; NEW.cosigned_at := NULL;
            ELSIF NEW.cosigned_by_id IS NOT NULL THEN
                PERFORM carelog.check_cosigner(NEW.session_id, NEW.cosigned_by_id, NEW.signed_by_id);
            END IF;
            RETURN NEW;
        END IF;
        IF NEW.status <> 'draft' THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_signed_after_saving',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = 'a note is saved as a draft first, then signed',
                HINT = 'Nothing was written. Save the draft, then: carelog note sign --group G --at T.';
        END IF;
        v_staff := carelog.acting_staff_member_id();
        IF v_staff IS NULL THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_author',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = 'a note needs its author: no acting staff member is set',
                HINT = 'Nothing was written. Give --by (psql: SET LOCAL carelog.acting_staff = ''T042'').';
        END IF;
        NEW.author_id := v_staff;
        NEW.written_at := now();
        NEW.db_user := session_user;
        NEW.signed_by_id := NULL; NEW.signed_at := NULL; NEW.signer_credential := NULL;
        NEW.cosign_required := false; NEW.cosigned_by_id := NULL; NEW.cosigned_at := NULL;
        RETURN NEW;
    END IF;

    IF OLD.status = 'signed' THEN
        IF TG_OP = 'DELETE' THEN
            PERFORM carelog.refuse_change_signed_note(OLD.id, 'it');
        END IF;
        -- The one change a signed note takes: its co-signature.
        IF (NEW.id, NEW.session_id, NEW.topic, NEW.interventions, NEW.minutes, NEW.service_code_id, NEW.status,
            NEW.author_id, NEW.written_at, NEW.db_user, NEW.signed_by_id, NEW.signed_at, NEW.signer_credential,
            NEW.cosign_required)
           IS DISTINCT FROM
           (OLD.id, OLD.session_id, OLD.topic, OLD.interventions, OLD.minutes, OLD.service_code_id, OLD.status,
            OLD.author_id, OLD.written_at, OLD.db_user, OLD.signed_by_id, OLD.signed_at, OLD.signer_credential,
            OLD.cosign_required)
           OR OLD.cosigned_by_id IS NOT NULL
           OR NEW.cosigned_by_id IS NULL THEN
            PERFORM carelog.refuse_change_signed_note(OLD.id, 'it');
        END IF;
        IF NOT OLD.cosign_required THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_cosign_not_required',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = format('the note of %s needs no co-signature: its signer signs alone', carelog.session_label(OLD.session_id)),
                HINT = 'Nothing was written.';
        END IF;
        IF v_restoring THEN
            PERFORM carelog.check_cosigner(OLD.session_id, NEW.cosigned_by_id, OLD.signed_by_id);
            NEW.cosigned_at := coalesce(NEW.cosigned_at, now());
            RETURN NEW;
        END IF;
        v_staff := carelog.acting_staff_member_id();
        PERFORM carelog.check_cosigner(OLD.session_id, v_staff, OLD.signed_by_id);
        NEW.cosigned_by_id := v_staff;
        NEW.cosigned_at := now();
        RETURN NEW;
    END IF;

    -- A draft: deleted or rewritten freely by its writers; signed by the acting staff member.
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    IF NEW.session_id <> OLD.session_id THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation', CONSTRAINT = 'session_note_session_fixed',
            SCHEMA = 'carelog', TABLE = 'session_note',
            MESSAGE = 'a note stays with its session',
            HINT = 'Nothing was written. Write the other session''s own note.';
    END IF;
    IF v_restoring THEN
        NEW.author_id := coalesce(NEW.author_id, OLD.author_id);
        NEW.db_user := coalesce(NEW.db_user, OLD.db_user);
        NEW.written_at := coalesce(NEW.written_at, now());
        IF NEW.status = 'draft' THEN
            NEW.signed_by_id := NULL; NEW.signed_at := NULL; NEW.signer_credential := NULL;
            NEW.cosign_required := false; NEW.cosigned_by_id := NULL; NEW.cosigned_at := NULL;
        ELSIF NEW.cosigned_by_id IS NOT NULL THEN
            PERFORM carelog.check_cosigner(NEW.session_id, NEW.cosigned_by_id, NEW.signed_by_id);
        END IF;
        RETURN NEW;
    END IF;
    NEW.author_id := OLD.author_id;
    NEW.db_user := OLD.db_user;
    NEW.written_at := now();
    NEW.cosigned_by_id := NULL;
    NEW.cosigned_at := NULL;
    IF NEW.status = 'signed' THEN
        v_staff := carelog.acting_staff_member_id();
        IF v_staff IS NULL THEN
            RAISE EXCEPTION USING
                ERRCODE = 'check_violation', CONSTRAINT = 'session_note_signer',
                SCHEMA = 'carelog', TABLE = 'session_note',
                MESSAGE = 'a note is signed by a staff member: no acting staff member is set',
                HINT = 'Nothing was written. Give --by (psql: SET LOCAL carelog.acting_staff = ''T042'').';
        END IF;
        NEW.signed_by_id := v_staff;
        NEW.signed_at := now();
        NEW.signer_credential := carelog.signing_credential(v_staff);
        NEW.cosign_required := NEW.signer_credential IS NULL;
    ELSE
        NEW.signed_by_id := NULL; NEW.signed_at := NULL; NEW.signer_credential := NULL; NEW.cosign_required := false;
    END IF;
    RETURN NEW;
END;
$$;

--
-- Name: plan_goal; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.plan_goal (
    id bigint NOT NULL,
    plan_id bigint NOT NULL,
    goal_code text NOT NULL,
    domain text NOT NULL,
    description text,
    target_date date,
    status text DEFAULT 'open'::text NOT NULL,
    status_on date,
    CONSTRAINT plan_goal_domain_check CHECK ((domain = ANY (ARRAY['substance_use'::text, 'withdrawal'::text, 'medical'::text, 'mental_health'::text, 'readiness'::text, 'relapse'::text, 'recovery'::text, 'recovery_support'::text, 'housing'::text, 'employment'::text, 'education'::text, 'legal'::text, 'family'::text, 'social'::text, 'financial'::text, 'other'::text]))),
    CONSTRAINT plan_goal_goal_code_check CHECK ((goal_code <> ''::text)),
    CONSTRAINT plan_goal_status_check CHECK ((status = ANY (ARRAY['open'::text, 'met'::text, 'partially_met'::text, 'not_met'::text, 'discontinued'::text]))),
    CONSTRAINT plan_goal_status_on_required CHECK (((status = 'open'::text) OR (status_on IS NOT NULL)))
);

ALTER TABLE ONLY carelog.plan_goal FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE plan_goal; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.plan_goal IS 'Goals of a treatment plan.';

--
-- Name: COLUMN plan_goal.domain; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.plan_goal.domain IS 'The goal''s life area, one of a fixed list (coded, not free text: written by every privacy mode). Free text goes in description.';

--
-- Name: COLUMN plan_goal.status_on; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.plan_goal.status_on IS 'Date the current status was reached; required unless status is open.';

--
-- Name: treatment_plan; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.treatment_plan (
    id bigint NOT NULL,
    plan_code text NOT NULL,
    patient_id bigint NOT NULL,
    created_on date NOT NULL,
    author_id bigint NOT NULL,
    review_interval_days integer DEFAULT 30 NOT NULL,
    closed_on date,
    CONSTRAINT treatment_plan_dates_check CHECK ((closed_on >= created_on)),
    CONSTRAINT treatment_plan_plan_code_check CHECK ((plan_code <> ''::text)),
    CONSTRAINT treatment_plan_review_interval_days_check CHECK ((review_interval_days > 0))
);

ALTER TABLE ONLY carelog.treatment_plan FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE treatment_plan; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.treatment_plan IS 'Treatment plans. Active on d when created_on <= d AND (closed_on IS NULL OR d < closed_on).';

--
-- Name: COLUMN treatment_plan.review_interval_days; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.treatment_plan.review_interval_days IS 'A review is due review_interval_days after the latest review (or after created_on).';

--
-- Name: COLUMN treatment_plan.closed_on; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.treatment_plan.closed_on IS 'EXCLUSIVE end date; NULL while the plan is active.';

--
-- Name: session_open_goals(bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.session_open_goals(p_session_id bigint) RETURNS TABLE(patient_id bigint, goal_id bigint, goal_code text, domain text, description text)
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 40
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT a.patient_id,
     pg.id,
     pg.goal_code,
     pg.domain,
     pg.description
    FROM (((((carelog.group_session s
      JOIN carelog.care_group g ON ((g.id = s.group_id)))
      JOIN carelog.site st ON ((st.id = g.site_id)))
      JOIN carelog.attendance a ON (((a.session_id = s.id) AND (a.status = ANY (ARRAY['present'::text, 'late'::text, 'left_early'::text])))))
      JOIN carelog.treatment_plan tp ON ((tp.patient_id = a.patient_id)))
      JOIN carelog.plan_goal pg ON ((pg.plan_id = tp.id)))
   WHERE ((s.id = session_open_goals.p_session_id) AND (tp.created_on <= carelog.site_local_date(s.starts_at, st.timezone)) AND ((tp.closed_on IS NULL) OR (carelog.site_local_date(s.starts_at, st.timezone) < tp.closed_on)) AND ((pg.status = 'open'::text) OR (pg.status_on > carelog.site_local_date(s.starts_at, st.timezone))) AND ((NOT carelog.session_is_login()) OR (carelog.login_role() = 'auditor'::text) OR ((carelog.login_role() = 'director'::text) AND ((carelog.login_site_id() IS NULL) OR (g.site_id = carelog.login_site_id()))) OR (s.id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids))))
   ORDER BY a.patient_id, pg.goal_code;
END;

--
-- Name: credential; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.credential (
    id bigint NOT NULL,
    code text NOT NULL,
    title text NOT NULL,
    signs_alone boolean NOT NULL,
    CONSTRAINT credential_code_check CHECK (((code <> ''::text) AND (code = upper(btrim(code)))))
);

ALTER TABLE ONLY carelog.credential FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE credential; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.credential IS 'Professional credentials and whether a note signed under one needs a co-signature (signs_alone false: interns, technicians, counselors in training). A staff member''s staff.credentials is read as a comma-separated list of these codes.';

--
-- Name: signing_credential(bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.signing_credential(p_staff_id bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT c.code
    FROM ((carelog.staff s
      CROSS JOIN LATERAL regexp_split_to_table(COALESCE(s.credentials, ''::text), '\s*[,;/]\s*'::text) WITH ORDINALITY t(token, "position"))
      JOIN carelog.credential c ON (((c.code = upper(btrim(t.token))) AND c.signs_alone)))
   WHERE (s.id = signing_credential.p_staff_id)
   ORDER BY t."position"
  LIMIT 1;
END;

--
-- Name: FUNCTION signing_credential(p_staff_id bigint); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.signing_credential(p_staff_id bigint) IS 'The first credential of staff.credentials (a comma-separated list) that signs a note alone, or NULL: then the staff member''s notes need a co-signature.';

--
-- Name: site_check_timezone(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.site_check_timezone() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
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

--
-- Name: FUNCTION site_check_timezone(); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.site_check_timezone() IS 'Statement trigger on site: every distinct time zone written is an IANA name known to this server (carelog.is_valid_timezone); raises check_violation "site_timezone_check" otherwise.';

--
-- Name: site_patient_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.site_patient_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 2000
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT p.id
    FROM carelog.patient p
   WHERE (p.site_id = carelog.login_site_id());
END;

--
-- Name: disclosure_patient; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.disclosure_patient (
    disclosure_id bigint NOT NULL,
    patient_id bigint NOT NULL,
    id bigint NOT NULL
);

ALTER TABLE ONLY carelog.disclosure_patient FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE disclosure_patient; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.disclosure_patient IS 'The patients whose records a disclosure held: the accounting of disclosures (carelog disclosures --mrn). Append-only.';

--
-- Name: site_disclosure_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.site_disclosure_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 100
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT DISTINCT dp.disclosure_id
    FROM carelog.disclosure_patient dp
   WHERE (dp.patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids));
END;

--
-- Name: site_note_ids(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.site_note_ids() RETURNS SETOF bigint
    LANGUAGE sql STABLE SECURITY DEFINER ROWS 2000
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    BEGIN ATOMIC
 SELECT n.id
    FROM ((carelog.session_note n
      JOIN carelog.group_session s ON ((s.id = n.session_id)))
      JOIN carelog.care_group g ON ((g.id = s.group_id)))
   WHERE (g.site_id = carelog.login_site_id());
END;

--
-- Name: teds_self_help_code(bigint); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.teds_self_help_code(meetings bigint) RETURNS smallint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (CASE WHEN (meetings IS NULL) THEN NULL::integer WHEN (meetings <= 0) THEN 1 WHEN (meetings <= 3) THEN 2 WHEN (meetings <= 7) THEN 3 ELSE 4 END)::smallint;

--
-- Name: FUNCTION teds_self_help_code(meetings bigint); Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON FUNCTION carelog.teds_self_help_code(meetings bigint) IS 'TEDS FREQ_ATND_SELF_HELP code of a count of meetings in 30 days: 0 → 1 (none), 1–3 → 2, 4–7 → 3, 8 or more → 4.';

--
-- Name: to_boolean(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.to_boolean(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (lower(value) = ANY (ARRAY['true'::text, 't'::text, 'yes'::text, 'y'::text, '1'::text]));

--
-- Name: to_site_instant(text, text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.to_site_instant(value text, site_timezone text) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN carelog.has_utc_offset(value) THEN (value)::timestamp with time zone ELSE ((value)::timestamp without time zone AT TIME ZONE site_timezone) END;

--
-- Name: user_add(text, text, text, text, text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.user_add(p_login text, p_staff_id text, p_role text, p_site_code text, p_password_verifier text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $_$
DECLARE
    v_admin_site  bigint := carelog.user_admin_site();
    v_staff       record;
    v_site_id     bigint;
    v_existing    text;
BEGIN
    IF p_login IS NULL OR p_login !~ '^[a-z_][a-z0-9_.-]{0,62}$' OR p_login ~ '^(pg_|carelog_)' THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('"%s" is not a login name carelog accepts', p_login),
            HINT    = 'Use lower-case letters, digits, "_", "." and "-", starting with a letter, at most 63 characters, not starting with pg_ or carelog_.';
    END IF;
    IF p_role IS NULL OR p_role NOT IN ('therapist', 'director', 'auditor') THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('"%s" is not a role: use therapist, director or auditor', p_role);
    END IF;
    SELECT s.id, s.site_id INTO v_staff FROM carelog.staff AS s WHERE s.staff_id = p_staff_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('there is no staff ID "%s"', p_staff_id),
            HINT    = 'Import the staff member first.';
    END IF;
    IF p_site_code IS NOT NULL THEN
        IF p_role <> 'director' THEN
            RAISE EXCEPTION USING
                ERRCODE = 'invalid_parameter_value',
                MESSAGE = '--site limits a director to one site; therapists and auditors are not limited by site';
        END IF;
        SELECT st.id INTO v_site_id FROM carelog.site AS st WHERE st.site_code = p_site_code;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING
                ERRCODE = 'invalid_parameter_value',
                MESSAGE = format('there is no site "%s"', p_site_code);
        END IF;
    END IF;
    IF v_admin_site IS NOT NULL AND (p_role <> 'therapist' OR v_staff.site_id <> v_admin_site) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = format('login %s is a director limited to one site: it may add therapists of that site only', session_user);
    END IF;
    SELECT u.login INTO v_existing FROM carelog.app_user AS u WHERE u.staff_member_id = v_staff.id;
    IF FOUND THEN
        RAISE EXCEPTION USING
            ERRCODE = 'unique_violation',
            CONSTRAINT = 'app_user_staff_member_id_key',
            MESSAGE = format('staff member %s already has the login %s (one login per person)', p_staff_id, v_existing);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = p_login) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'duplicate_object',
            MESSAGE = format('a database role named %s exists already', p_login),
            HINT    = 'carelog creates its logins itself; choose another name.';
    END IF;

    EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT', p_login);
    EXECUTE format('GRANT %I TO %I', 'carelog_' || p_role, p_login);
    IF p_password_verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_password_verifier);
    END IF;
    INSERT INTO carelog.app_user (login, staff_member_id, role, site_id)
    VALUES (p_login, v_staff.id, p_role, v_site_id);
END;
$_$;

--
-- Name: user_admin_site(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.user_admin_site() RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_admin record;
BEGIN
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = session_user) THEN
        RETURN NULL;
    END IF;
    SELECT u.role, u.site_id INTO v_admin
      FROM carelog.app_user AS u
     WHERE u.login = session_user AND u.active;
    IF NOT FOUND OR v_admin.role <> 'director' THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = format('login %s may not manage logins: only a director or the database''s administrator may', session_user);
    END IF;
    RETURN v_admin.site_id;
END;
$$;

--
-- Name: user_disable(text); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.user_disable(p_login text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
    v_admin_site  bigint := carelog.user_admin_site();
    v_user        record;
BEGIN
    SELECT u.id, u.role, u.active, s.site_id INTO v_user
      FROM carelog.app_user AS u
      JOIN carelog.staff AS s ON s.id = u.staff_member_id
     WHERE u.login = p_login
       FOR UPDATE OF u;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_parameter_value',
            MESSAGE = format('there is no carelog login "%s"', p_login);
    END IF;
    IF p_login = session_user THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_parameter_value',
            MESSAGE = 'a login cannot disable itself',
            HINT    = 'Ask another director or the database''s administrator.';
    END IF;
    IF v_admin_site IS NOT NULL AND (v_user.role <> 'therapist' OR v_user.site_id <> v_admin_site) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = format('login %s is a director limited to one site: it may disable therapists of that site only', session_user);
    END IF;
    IF NOT v_user.active THEN
        RETURN;
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', p_login);
    EXECUTE format('REVOKE %I FROM %I', 'carelog_' || v_user.role, p_login);
    UPDATE carelog.app_user
       SET active = false, disabled_at = now(), disabled_by = session_user
     WHERE id = v_user.id;
END;
$$;

--
-- Name: user_disable_ends_sessions(); Type: FUNCTION; Schema: carelog; Owner: -
--

CREATE FUNCTION carelog.user_disable_ends_sessions() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'carelog', 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
    PERFORM carelog.end_sessions_of(NEW.login);
    RETURN NULL;
END;
$$;

--
-- Name: app_user_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.app_user ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.app_user_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: assessment; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.assessment (
    id bigint NOT NULL,
    patient_id bigint NOT NULL,
    instrument text NOT NULL,
    administered_on date NOT NULL,
    score numeric NOT NULL,
    CONSTRAINT assessment_instrument_check CHECK ((instrument = ANY (ARRAY['PHQ-9'::text, 'GAD-7'::text, 'BAM'::text]))),
    CONSTRAINT assessment_score_range CHECK (
CASE instrument
    WHEN 'PHQ-9'::text THEN ((score >= (0)::numeric) AND (score <= (27)::numeric))
    WHEN 'GAD-7'::text THEN ((score >= (0)::numeric) AND (score <= (21)::numeric))
    WHEN 'BAM'::text THEN ((score >= (0)::numeric) AND (score <= (12)::numeric))
    ELSE true
END)
);

ALTER TABLE ONLY carelog.assessment FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE assessment; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.assessment IS 'Standardized assessments: PHQ-9 (0-27), GAD-7 (0-21), BAM use score (0-12).';

--
-- Name: assessment_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.assessment ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.assessment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: attendance_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.attendance ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.attendance_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: attendance_void; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.attendance_void (
    id bigint NOT NULL,
    attendance_id bigint NOT NULL,
    session_id bigint NOT NULL,
    patient_id bigint NOT NULL,
    status text NOT NULL,
    minutes_attended integer,
    recorded_by_id bigint NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    session_month date NOT NULL,
    voided_at timestamp with time zone DEFAULT now() NOT NULL,
    db_user text DEFAULT SESSION_USER NOT NULL,
    voided_by_id bigint,
    reason text NOT NULL,
    CONSTRAINT attendance_void_reason_check CHECK ((btrim(reason) <> ''::text))
);

ALTER TABLE ONLY carelog.attendance_void FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE attendance_void; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.attendance_void IS 'Attendance records removed as wrong (carelog attendance void): the record as it was, who voided it, when and why. Append-only.';

--
-- Name: attendance_void_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.attendance_void ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.attendance_void_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: audit_batch_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.audit_batch ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.audit_batch_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: audit_change; Type: VIEW; Schema: carelog; Owner: -
--

CREATE VIEW carelog.audit_change WITH (security_invoker='true') AS
 SELECT e.id AS event_id,
    e.batch_id,
    e.table_name,
    e.operation,
    e.record_id,
    carelog.audit_event_patient_id(e.table_name, e.record_id, e.new_values, e.old_values) AS patient_id,
    e.old_values,
    e.new_values,
    (0)::bigint AS "position"
   FROM carelog.audit_event e
  WHERE (e.record_id IS NOT NULL)
UNION ALL
 SELECT e.id AS event_id,
    e.batch_id,
    e.table_name,
    e.operation,
    ((COALESCE(r.new_row, r.old_row) ->> 'id'::text))::bigint AS record_id,
    e.patient_id,
    (r.old_row)::jsonb AS old_values,
    (r.new_row)::jsonb AS new_values,
    r."position"
   FROM (carelog.audit_event e
     CROSS JOIN LATERAL ROWS FROM(json_array_elements(e.old_rows), json_array_elements(e.new_rows)) WITH ORDINALITY r(old_row, new_row, "position"))
  WHERE (e.record_id IS NULL);

--
-- Name: VIEW audit_change; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON VIEW carelog.audit_change IS 'The audit trail one row per changed record: one-row events as they are, events of many rows unnested (position 1, 2, ...). old_values/new_values as jsonb; patient_id the patient the change is about (or NULL). Row-level security of audit_event applies.';

--
-- Name: audit_event_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.audit_event ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.audit_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: care_group_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.care_group ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.care_group_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: closed_period; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.closed_period (
    id bigint NOT NULL,
    site_id bigint NOT NULL,
    month date NOT NULL,
    closed_at timestamp with time zone DEFAULT now() NOT NULL,
    db_user text DEFAULT SESSION_USER NOT NULL,
    closed_by_id bigint,
    CONSTRAINT closed_period_month_check CHECK ((month = (date_trunc('month'::text, (month)::timestamp with time zone))::date))
);

ALTER TABLE ONLY carelog.closed_period FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE closed_period; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.closed_period IS 'Months closed per site (carelog period close): their attendance and plan reviews change only by a director with a reason. Append-only.';

--
-- Name: closed_period_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.closed_period ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.closed_period_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: column_class; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.column_class (
    table_name text NOT NULL,
    column_name text NOT NULL,
    class text NOT NULL,
    pseudonymized text NOT NULL,
    deidentified text NOT NULL,
    CONSTRAINT column_class_class_check CHECK ((class = ANY (ARRAY['identifier'::text, 'quasi_identifier'::text, 'coded'::text, 'free_text'::text]))),
    CONSTRAINT column_class_deidentified_check CHECK ((deidentified = ANY (ARRAY['kept'::text, 'dropped'::text, 'random'::text, 'year'::text, 'age'::text]))),
    CONSTRAINT column_class_free_text_dropped CHECK (((class <> 'free_text'::text) OR ((pseudonymized = 'dropped'::text) AND (deidentified = 'dropped'::text)))),
    CONSTRAINT column_class_pseudonymized_check CHECK ((pseudonymized = ANY (ARRAY['kept'::text, 'dropped'::text, 'patient'::text, 'plan'::text, 'goal'::text, 'staff'::text, 'group'::text, 'login'::text])))
);

ALTER TABLE ONLY carelog.column_class FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE column_class; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.column_class IS 'Every exported or audited column: identifier, quasi_identifier, coded or free_text, and its treatment under --pseudonymize and --deidentify (docs/privacy.md).';

--
-- Name: consent; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.consent (
    id bigint NOT NULL,
    patient_id bigint NOT NULL,
    recipient text NOT NULL,
    purpose text NOT NULL,
    signed_on date NOT NULL,
    expires_on date,
    revoked_on date,
    CONSTRAINT consent_expires_check CHECK (((expires_on IS NULL) OR (expires_on > signed_on))),
    CONSTRAINT consent_purpose_check CHECK ((purpose <> ''::text)),
    CONSTRAINT consent_recipient_check CHECK (((recipient <> ''::text) AND (recipient = btrim(recipient)))),
    CONSTRAINT consent_revoked_check CHECK (((revoked_on IS NULL) OR (revoked_on >= signed_on)))
);

ALTER TABLE ONLY carelog.consent FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE consent; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.consent IS '42 CFR 2.31 consents: a patient allows disclosure to a recipient. Active on d when signed_on <= d and d is before expires_on and revoked_on (each ends it on that day).';

--
-- Name: consent_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.consent ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.consent_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: credential_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.credential ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.credential_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: disclosure; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.disclosure (
    id bigint NOT NULL,
    disclosed_at timestamp with time zone DEFAULT now() NOT NULL,
    db_user text DEFAULT SESSION_USER NOT NULL,
    acting_staff_id bigint,
    command text NOT NULL,
    recipient text NOT NULL,
    purpose text NOT NULL,
    basis text NOT NULL,
    privacy text NOT NULL,
    period_from date,
    period_to date,
    site_code text,
    patients_excluded integer DEFAULT 0 NOT NULL,
    manifest_sha256 text NOT NULL,
    files jsonb NOT NULL,
    recorded_in xid8 DEFAULT pg_current_xact_id() NOT NULL,
    CONSTRAINT disclosure_basis_check CHECK ((basis = ANY (ARRAY['audit'::text, 'consent'::text, 'research'::text, 'court-order'::text, 'emergency'::text]))),
    CONSTRAINT disclosure_privacy_check CHECK ((privacy = ANY (ARRAY['clear'::text, 'pseudonymized'::text, 'deidentified'::text]))),
    CONSTRAINT disclosure_purpose_check CHECK ((purpose <> ''::text)),
    CONSTRAINT disclosure_recipient_check CHECK ((recipient <> ''::text))
);

ALTER TABLE ONLY carelog.disclosure FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE disclosure; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.disclosure IS 'One row per bundle that left the program (42 CFR Part 2): when, login, acting staff, recipient, purpose, basis, files and hashes. Append-only.';

--
-- Name: COLUMN disclosure.recorded_in; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.disclosure.recorded_in IS 'The transaction that recorded the disclosure: its patients are listed in that transaction only.';

--
-- Name: disclosure_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.disclosure ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.disclosure_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: disclosure_patient_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.disclosure_patient ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.disclosure_patient_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: drug_screen; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.drug_screen (
    id bigint NOT NULL,
    patient_id bigint NOT NULL,
    collected_on date NOT NULL,
    result text NOT NULL,
    substances text,
    CONSTRAINT drug_screen_result_check CHECK ((result = ANY (ARRAY['negative'::text, 'positive'::text, 'dilute'::text, 'refused'::text])))
);

ALTER TABLE ONLY carelog.drug_screen FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE drug_screen; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.drug_screen IS 'Urine drug screens, at most one per patient and day.';

--
-- Name: COLUMN drug_screen.substances; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.drug_screen.substances IS 'Free text list of substances detected (optional).';

--
-- Name: drug_screen_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.drug_screen ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.drug_screen_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: episode; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.episode (
    id bigint NOT NULL,
    patient_id bigint NOT NULL,
    admitted_on date NOT NULL,
    level_of_care text NOT NULL,
    discharged_on date,
    discharge_reason text,
    CONSTRAINT episode_dates_check CHECK ((discharged_on >= admitted_on)),
    CONSTRAINT episode_discharge_reason_check CHECK ((discharge_reason = ANY (ARRAY['completed'::text, 'left_against_advice'::text, 'terminated_by_facility'::text, 'transferred'::text, 'incarcerated'::text, 'death'::text, 'other'::text]))),
    CONSTRAINT episode_discharge_reason_presence CHECK (((discharged_on IS NULL) = (discharge_reason IS NULL))),
    CONSTRAINT episode_level_of_care_check CHECK ((level_of_care = ANY (ARRAY['1.0'::text, '2.1'::text, '2.5'::text, '3.1'::text, '3.3'::text, '3.5'::text, '3.7'::text, '4.0'::text])))
);

ALTER TABLE ONLY carelog.episode FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE episode; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.episode IS 'Episodes of care (admission to discharge). The patient is in care on day d when admitted_on <= d AND (discharged_on IS NULL OR d < discharged_on): the discharge date is EXCLUSIVE, so a same-day stay covers no day. Episodes of one patient never overlap.';

--
-- Name: COLUMN episode.level_of_care; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.episode.level_of_care IS 'ASAM level of care: 1.0, 2.1, 2.5, 3.1, 3.3, 3.5, 3.7 or 4.0.';

--
-- Name: COLUMN episode.discharged_on; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.episode.discharged_on IS 'EXCLUSIVE end: the patient is no longer in care on this date. NULL while the episode is open.';

--
-- Name: COLUMN episode.discharge_reason; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.episode.discharge_reason IS 'SAMHSA TEDS discharge reason; set exactly when discharged_on is set.';

--
-- Name: episode_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.episode ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.episode_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: group_cofacilitator_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.group_cofacilitator ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.group_cofacilitator_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: group_enrollment_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.group_enrollment ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.group_enrollment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: group_session_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.group_session ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.group_session_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: modality_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.modality ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.modality_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: note_addendum; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.note_addendum (
    id bigint NOT NULL,
    session_note_id bigint NOT NULL,
    patient_id bigint,
    body text NOT NULL,
    author_id bigint NOT NULL,
    added_at timestamp with time zone DEFAULT now() NOT NULL,
    db_user text DEFAULT SESSION_USER NOT NULL,
    CONSTRAINT note_addendum_body_check CHECK ((btrim(body) <> ''::text))
);

ALTER TABLE ONLY carelog.note_addendum FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE note_addendum; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.note_addendum IS 'Text added to a signed note (patient_id NULL) or to one patient''s section of it, with its author and time. Append-only; never changes the note.';

--
-- Name: note_addendum_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.note_addendum ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.note_addendum_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: outcome_measure; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.outcome_measure (
    id bigint NOT NULL,
    episode_id bigint NOT NULL,
    patient_id bigint NOT NULL,
    time_point text NOT NULL,
    primary_substance smallint,
    secondary_substance smallint,
    tertiary_substance smallint,
    route smallint,
    use_frequency smallint,
    age_at_first_use smallint,
    employment smallint,
    living_arrangement smallint,
    arrests smallint,
    prior_treatment_episodes smallint,
    referral_source smallint,
    moud smallint,
    self_help_frequency smallint,
    CONSTRAINT outcome_measure_age_at_first_use_check CHECK (((age_at_first_use = '-9'::integer) OR ((age_at_first_use >= 0) AND (age_at_first_use <= 96)))),
    CONSTRAINT outcome_measure_arrests_check CHECK (((arrests = '-9'::integer) OR ((arrests >= 0) AND (arrests <= 2)))),
    CONSTRAINT outcome_measure_employment_check CHECK (((employment = '-9'::integer) OR ((employment >= 1) AND (employment <= 4)))),
    CONSTRAINT outcome_measure_living_arrangement_check CHECK (((living_arrangement = '-9'::integer) OR ((living_arrangement >= 1) AND (living_arrangement <= 3)))),
    CONSTRAINT outcome_measure_moud_check CHECK (((moud = '-9'::integer) OR ((moud >= 1) AND (moud <= 2)))),
    CONSTRAINT outcome_measure_primary_substance_check CHECK (((primary_substance = '-9'::integer) OR ((primary_substance >= 1) AND (primary_substance <= 19)))),
    CONSTRAINT outcome_measure_prior_treatment_episodes_check CHECK (((prior_treatment_episodes = '-9'::integer) OR ((prior_treatment_episodes >= 0) AND (prior_treatment_episodes <= 5)))),
    CONSTRAINT outcome_measure_referral_source_check CHECK (((referral_source = '-9'::integer) OR ((referral_source >= 1) AND (referral_source <= 7)))),
    CONSTRAINT outcome_measure_route_check CHECK (((route = '-9'::integer) OR ((route >= 1) AND (route <= 5)))),
    CONSTRAINT outcome_measure_secondary_substance_check CHECK (((secondary_substance = '-9'::integer) OR ((secondary_substance >= 1) AND (secondary_substance <= 19)))),
    CONSTRAINT outcome_measure_self_help_frequency_check CHECK (((self_help_frequency = '-9'::integer) OR ((self_help_frequency >= 1) AND (self_help_frequency <= 5)))),
    CONSTRAINT outcome_measure_tertiary_substance_check CHECK (((tertiary_substance = '-9'::integer) OR ((tertiary_substance >= 1) AND (tertiary_substance <= 19)))),
    CONSTRAINT outcome_measure_time_point_check CHECK ((time_point = ANY (ARRAY['admission'::text, 'discharge'::text]))),
    CONSTRAINT outcome_measure_use_frequency_check CHECK (((use_frequency = '-9'::integer) OR ((use_frequency >= 1) AND (use_frequency <= 3))))
);

ALTER TABLE ONLY carelog.outcome_measure FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE outcome_measure; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.outcome_measure IS 'SAMHSA NOMs items of one episode at admission or at discharge, as TEDS codes (docs/teds.md: the code lists and the TEDS variable each fills). NULL: not recorded; -9: recorded as unknown. self_help_frequency is the value entered; at discharge carelog also computes it from attendance (self_help_meetings).';

--
-- Name: COLUMN outcome_measure.age_at_first_use; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.outcome_measure.age_at_first_use IS 'Age in years (0–96) at first use of the primary substance, or -9. The TEDS public files group it (FRSTUSE1); docs/teds.md.';

--
-- Name: COLUMN outcome_measure.self_help_frequency; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON COLUMN carelog.outcome_measure.self_help_frequency IS 'Self-help attendance in the past 30 days as entered (TEDS FREQ_ATND_SELF_HELP: 1 none, 2 1-3, 3 4-7, 4 8-30, 5 some, frequency unknown, -9). At discharge the computed value (teds_self_help_code(self_help_meetings(...))) is shown beside it when they differ.';

--
-- Name: outcome_measure_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.outcome_measure ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.outcome_measure_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: participant_note_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.participant_note ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.participant_note_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: patient_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.patient ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.patient_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: plan_goal_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.plan_goal ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.plan_goal_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: plan_requirement; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.plan_requirement (
    id bigint NOT NULL,
    plan_id bigint NOT NULL,
    modality text NOT NULL,
    sessions_per_week numeric NOT NULL,
    CONSTRAINT plan_requirement_modality_check CHECK ((modality = ANY (ARRAY['twelve_step'::text, 'process'::text, 'relapse_prevention'::text, 'education'::text, 'family'::text, 'smart_recovery'::text, 'activity'::text, 'individual'::text]))),
    CONSTRAINT plan_requirement_sessions_per_week_check CHECK ((sessions_per_week > (0)::numeric))
);

ALTER TABLE ONLY carelog.plan_requirement FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE plan_requirement; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.plan_requirement IS 'Sessions per week of a modality that a plan requires (may be fractional, e.g. 0.5 = every other week).';

--
-- Name: plan_requirement_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.plan_requirement ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.plan_requirement_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: plan_review; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.plan_review (
    id bigint NOT NULL,
    plan_id bigint NOT NULL,
    reviewed_on date NOT NULL,
    reviewer_id bigint NOT NULL,
    note text
);

ALTER TABLE ONLY carelog.plan_review FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE plan_review; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.plan_review IS 'Reviews of a treatment plan, at most one per plan and day.';

--
-- Name: plan_review_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.plan_review ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.plan_review_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: roll_closure; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.roll_closure (
    id bigint NOT NULL,
    session_id bigint NOT NULL,
    closed_by_id bigint NOT NULL,
    closed_at timestamp with time zone DEFAULT now() NOT NULL,
    db_user text DEFAULT SESSION_USER NOT NULL
);

ALTER TABLE ONLY carelog.roll_closure FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE roll_closure; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.roll_closure IS 'The closed rolls of open-group sessions: the facilitator said the sign-ins are complete. Append-only. After it, a new attendance record of the session needs a reason (a correction).';

--
-- Name: roll_closure_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.roll_closure ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.roll_closure_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: run_log; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.run_log (
    id bigint NOT NULL,
    ran_at timestamp with time zone DEFAULT now() NOT NULL,
    db_user text DEFAULT SESSION_USER NOT NULL,
    os_user text,
    command text NOT NULL,
    parameters jsonb DEFAULT '{}'::jsonb NOT NULL,
    row_counts jsonb DEFAULT '{}'::jsonb NOT NULL,
    snapshot_time text
);

ALTER TABLE ONLY carelog.run_log FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE run_log; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.run_log IS 'One row per report or export run: when, database user, operating-system user, command, parameters and row counts. Append-only.';

--
-- Name: run_log_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.run_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.run_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: schema_migration; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.schema_migration (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_by text DEFAULT CURRENT_USER NOT NULL
);

--
-- Name: service_code; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.service_code (
    id bigint NOT NULL,
    code text NOT NULL,
    title text NOT NULL,
    minutes_per_unit integer NOT NULL,
    CONSTRAINT service_code_code_check CHECK (((code <> ''::text) AND (code = upper(btrim(code))))),
    CONSTRAINT service_code_minutes_per_unit_check CHECK ((minutes_per_unit > 0))
);

ALTER TABLE ONLY carelog.service_code FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE service_code; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.service_code IS 'HCPCS/CPT codes a group session is billed under, and the minutes one unit needs: a session of fewer minutes bills nothing.';

--
-- Name: service_code_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.service_code ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.service_code_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: session_note_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.session_note ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.session_note_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: site_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.site ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.site_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: staff_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.staff ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.staff_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: teds_code; Type: TABLE; Schema: carelog; Owner: -
--

CREATE TABLE carelog.teds_code (
    item text NOT NULL,
    code smallint NOT NULL,
    label text NOT NULL
);

ALTER TABLE ONLY carelog.teds_code FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE teds_code; Type: COMMENT; Schema: carelog; Owner: -
--

COMMENT ON TABLE carelog.teds_code IS 'The TEDS code list of each NOMs item (item = the outcome_measure column), with its label. The CHECK constraints of outcome_measure hold the same lists; a test proves they agree.';

--
-- Name: therapist_assignment_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.therapist_assignment ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.therapist_assignment_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: treatment_plan_id_seq; Type: SEQUENCE; Schema: carelog; Owner: -
--

ALTER TABLE carelog.treatment_plan ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME carelog.treatment_plan_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: app_user app_user_login_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.app_user
    ADD CONSTRAINT app_user_login_key UNIQUE (login);

--
-- Name: app_user app_user_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.app_user
    ADD CONSTRAINT app_user_pkey PRIMARY KEY (id);

--
-- Name: app_user app_user_staff_member_id_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.app_user
    ADD CONSTRAINT app_user_staff_member_id_key UNIQUE (staff_member_id);

--
-- Name: assessment assessment_patient_id_instrument_administered_on_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.assessment
    ADD CONSTRAINT assessment_patient_id_instrument_administered_on_key UNIQUE (patient_id, instrument, administered_on);

--
-- Name: assessment assessment_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.assessment
    ADD CONSTRAINT assessment_pkey PRIMARY KEY (id);

--
-- Name: therapist_assignment assignment_one_primary_per_day; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.therapist_assignment
    ADD CONSTRAINT assignment_one_primary_per_day EXCLUDE USING gist (patient_id WITH =, daterange(starts_on, ends_on, '[]'::text) WITH &&) WHERE ((role = 'primary'::text));

--
-- Name: attendance attendance_one_per_patient_session; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.attendance
    ADD CONSTRAINT attendance_one_per_patient_session UNIQUE (session_id, patient_id, session_month);

--
-- Name: attendance attendance_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.attendance
    ADD CONSTRAINT attendance_pkey PRIMARY KEY (id, session_month);

--
-- Name: attendance_void attendance_void_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.attendance_void
    ADD CONSTRAINT attendance_void_pkey PRIMARY KEY (id);

--
-- Name: audit_batch audit_batch_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.audit_batch
    ADD CONSTRAINT audit_batch_pkey PRIMARY KEY (id);

--
-- Name: audit_batch audit_batch_previous_hash_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.audit_batch
    ADD CONSTRAINT audit_batch_previous_hash_key UNIQUE (previous_hash);

--
-- Name: audit_event audit_event_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.audit_event
    ADD CONSTRAINT audit_event_pkey PRIMARY KEY (id, created_at);

--
-- Name: care_group care_group_group_code_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.care_group
    ADD CONSTRAINT care_group_group_code_key UNIQUE (group_code);

--
-- Name: care_group care_group_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.care_group
    ADD CONSTRAINT care_group_pkey PRIMARY KEY (id);

--
-- Name: closed_period closed_period_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.closed_period
    ADD CONSTRAINT closed_period_key UNIQUE (site_id, month);

--
-- Name: closed_period closed_period_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.closed_period
    ADD CONSTRAINT closed_period_pkey PRIMARY KEY (id);

--
-- Name: column_class column_class_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.column_class
    ADD CONSTRAINT column_class_pkey PRIMARY KEY (table_name, column_name);

--
-- Name: consent consent_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.consent
    ADD CONSTRAINT consent_key UNIQUE (patient_id, recipient, signed_on);

--
-- Name: consent consent_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.consent
    ADD CONSTRAINT consent_pkey PRIMARY KEY (id);

--
-- Name: credential credential_code_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.credential
    ADD CONSTRAINT credential_code_key UNIQUE (code);

--
-- Name: credential credential_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.credential
    ADD CONSTRAINT credential_pkey PRIMARY KEY (id);

--
-- Name: disclosure_patient disclosure_patient_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.disclosure_patient
    ADD CONSTRAINT disclosure_patient_key UNIQUE (disclosure_id, patient_id);

--
-- Name: disclosure_patient disclosure_patient_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.disclosure_patient
    ADD CONSTRAINT disclosure_patient_pkey PRIMARY KEY (id);

--
-- Name: disclosure disclosure_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.disclosure
    ADD CONSTRAINT disclosure_pkey PRIMARY KEY (id);

--
-- Name: drug_screen drug_screen_patient_id_collected_on_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.drug_screen
    ADD CONSTRAINT drug_screen_patient_id_collected_on_key UNIQUE (patient_id, collected_on);

--
-- Name: drug_screen drug_screen_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.drug_screen
    ADD CONSTRAINT drug_screen_pkey PRIMARY KEY (id);

--
-- Name: group_enrollment enrollment_no_overlap; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_enrollment
    ADD CONSTRAINT enrollment_no_overlap EXCLUDE USING gist (group_id WITH =, patient_id WITH =, daterange(starts_on, ends_on, '[]'::text) WITH &&);

--
-- Name: episode episode_id_patient_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.episode
    ADD CONSTRAINT episode_id_patient_key UNIQUE (id, patient_id);

--
-- Name: episode episode_no_overlap; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.episode
    ADD CONSTRAINT episode_no_overlap EXCLUDE USING gist (patient_id WITH =, daterange(admitted_on,
CASE
    WHEN (discharged_on IS NOT NULL) THEN GREATEST(discharged_on, (admitted_on + 1))
    ELSE NULL::date
END, '[)'::text) WITH &&);

--
-- Name: episode episode_patient_id_admitted_on_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.episode
    ADD CONSTRAINT episode_patient_id_admitted_on_key UNIQUE (patient_id, admitted_on);

--
-- Name: episode episode_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.episode
    ADD CONSTRAINT episode_pkey PRIMARY KEY (id);

--
-- Name: group_cofacilitator group_cofacilitator_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_cofacilitator
    ADD CONSTRAINT group_cofacilitator_key UNIQUE (group_id, staff_member_id);

--
-- Name: group_cofacilitator group_cofacilitator_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_cofacilitator
    ADD CONSTRAINT group_cofacilitator_pkey PRIMARY KEY (id);

--
-- Name: group_enrollment group_enrollment_group_id_patient_id_starts_on_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_enrollment
    ADD CONSTRAINT group_enrollment_group_id_patient_id_starts_on_key UNIQUE (group_id, patient_id, starts_on);

--
-- Name: group_enrollment group_enrollment_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_enrollment
    ADD CONSTRAINT group_enrollment_pkey PRIMARY KEY (id);

--
-- Name: group_session group_session_group_id_starts_at_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_session
    ADD CONSTRAINT group_session_group_id_starts_at_key UNIQUE (group_id, starts_at);

--
-- Name: group_session group_session_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_session
    ADD CONSTRAINT group_session_pkey PRIMARY KEY (id);

--
-- Name: modality modality_code_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.modality
    ADD CONSTRAINT modality_code_key UNIQUE (code);

--
-- Name: modality modality_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.modality
    ADD CONSTRAINT modality_pkey PRIMARY KEY (id);

--
-- Name: note_addendum note_addendum_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.note_addendum
    ADD CONSTRAINT note_addendum_pkey PRIMARY KEY (id);

--
-- Name: outcome_measure outcome_measure_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.outcome_measure
    ADD CONSTRAINT outcome_measure_key UNIQUE (episode_id, time_point);

--
-- Name: outcome_measure outcome_measure_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.outcome_measure
    ADD CONSTRAINT outcome_measure_pkey PRIMARY KEY (id);

--
-- Name: participant_note participant_note_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.participant_note
    ADD CONSTRAINT participant_note_key UNIQUE (session_note_id, patient_id);

--
-- Name: participant_note participant_note_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.participant_note
    ADD CONSTRAINT participant_note_pkey PRIMARY KEY (id);

--
-- Name: patient patient_mrn_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.patient
    ADD CONSTRAINT patient_mrn_key UNIQUE (mrn);

--
-- Name: patient patient_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.patient
    ADD CONSTRAINT patient_pkey PRIMARY KEY (id);

--
-- Name: plan_goal plan_goal_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_goal
    ADD CONSTRAINT plan_goal_pkey PRIMARY KEY (id);

--
-- Name: plan_goal plan_goal_plan_id_goal_code_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_goal
    ADD CONSTRAINT plan_goal_plan_id_goal_code_key UNIQUE (plan_id, goal_code);

--
-- Name: plan_requirement plan_requirement_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_requirement
    ADD CONSTRAINT plan_requirement_pkey PRIMARY KEY (id);

--
-- Name: plan_requirement plan_requirement_plan_id_modality_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_requirement
    ADD CONSTRAINT plan_requirement_plan_id_modality_key UNIQUE (plan_id, modality);

--
-- Name: plan_review plan_review_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_review
    ADD CONSTRAINT plan_review_pkey PRIMARY KEY (id);

--
-- Name: plan_review plan_review_plan_id_reviewed_on_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_review
    ADD CONSTRAINT plan_review_plan_id_reviewed_on_key UNIQUE (plan_id, reviewed_on);

--
-- Name: roll_closure roll_closure_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.roll_closure
    ADD CONSTRAINT roll_closure_pkey PRIMARY KEY (id);

--
-- Name: roll_closure roll_closure_session_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.roll_closure
    ADD CONSTRAINT roll_closure_session_key UNIQUE (session_id);

--
-- Name: run_log run_log_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.run_log
    ADD CONSTRAINT run_log_pkey PRIMARY KEY (id);

--
-- Name: schema_migration schema_migration_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.schema_migration
    ADD CONSTRAINT schema_migration_pkey PRIMARY KEY (version);

--
-- Name: service_code service_code_code_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.service_code
    ADD CONSTRAINT service_code_code_key UNIQUE (code);

--
-- Name: service_code service_code_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.service_code
    ADD CONSTRAINT service_code_pkey PRIMARY KEY (id);

--
-- Name: session_note session_note_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.session_note
    ADD CONSTRAINT session_note_pkey PRIMARY KEY (id);

--
-- Name: session_note session_note_session_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.session_note
    ADD CONSTRAINT session_note_session_key UNIQUE (session_id);

--
-- Name: site site_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.site
    ADD CONSTRAINT site_pkey PRIMARY KEY (id);

--
-- Name: site site_site_code_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.site
    ADD CONSTRAINT site_site_code_key UNIQUE (site_code);

--
-- Name: staff staff_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.staff
    ADD CONSTRAINT staff_pkey PRIMARY KEY (id);

--
-- Name: staff staff_staff_id_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.staff
    ADD CONSTRAINT staff_staff_id_key UNIQUE (staff_id);

--
-- Name: teds_code teds_code_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.teds_code
    ADD CONSTRAINT teds_code_pkey PRIMARY KEY (item, code);

--
-- Name: therapist_assignment therapist_assignment_patient_id_therapist_id_role_starts_on_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.therapist_assignment
    ADD CONSTRAINT therapist_assignment_patient_id_therapist_id_role_starts_on_key UNIQUE (patient_id, therapist_id, role, starts_on);

--
-- Name: therapist_assignment therapist_assignment_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.therapist_assignment
    ADD CONSTRAINT therapist_assignment_pkey PRIMARY KEY (id);

--
-- Name: treatment_plan treatment_plan_pkey; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.treatment_plan
    ADD CONSTRAINT treatment_plan_pkey PRIMARY KEY (id);

--
-- Name: treatment_plan treatment_plan_plan_code_key; Type: CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.treatment_plan
    ADD CONSTRAINT treatment_plan_plan_code_key UNIQUE (plan_code);

--
-- Name: app_user_site_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX app_user_site_id_idx ON carelog.app_user USING btree (site_id);

--
-- Name: attendance_patient_id_session_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX attendance_patient_id_session_id_idx ON ONLY carelog.attendance USING btree (patient_id, session_id);

--
-- Name: attendance_recorded_by_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX attendance_recorded_by_id_idx ON ONLY carelog.attendance USING btree (recorded_by_id);

--
-- Name: attendance_void_patient_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX attendance_void_patient_idx ON carelog.attendance_void USING btree (patient_id);

--
-- Name: attendance_void_session_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX attendance_void_session_idx ON carelog.attendance_void USING btree (session_id);

--
-- Name: audit_batch_created_at_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX audit_batch_created_at_idx ON carelog.audit_batch USING btree (created_at);

--
-- Name: audit_event_batch_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX audit_event_batch_id_idx ON ONLY carelog.audit_event USING btree (batch_id);

--
-- Name: audit_event_table_name_record_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX audit_event_table_name_record_id_idx ON ONLY carelog.audit_event USING btree (table_name, record_id);

--
-- Name: care_group_facilitator_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX care_group_facilitator_id_idx ON carelog.care_group USING btree (facilitator_id);

--
-- Name: care_group_site_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX care_group_site_id_idx ON carelog.care_group USING btree (site_id);

--
-- Name: consent_recipient_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX consent_recipient_idx ON carelog.consent USING btree (recipient, patient_id);

--
-- Name: disclosure_patient_patient_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX disclosure_patient_patient_idx ON carelog.disclosure_patient USING btree (patient_id, disclosure_id);

--
-- Name: episode_one_open_per_patient; Type: INDEX; Schema: carelog; Owner: -
--

CREATE UNIQUE INDEX episode_one_open_per_patient ON carelog.episode USING btree (patient_id) WHERE (discharged_on IS NULL);

--
-- Name: group_cofacilitator_staff_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX group_cofacilitator_staff_idx ON carelog.group_cofacilitator USING btree (staff_member_id);

--
-- Name: group_enrollment_patient_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX group_enrollment_patient_id_idx ON carelog.group_enrollment USING btree (patient_id);

--
-- Name: group_session_facilitator_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX group_session_facilitator_id_idx ON carelog.group_session USING btree (facilitator_id);

--
-- Name: group_session_starts_at_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX group_session_starts_at_idx ON carelog.group_session USING btree (starts_at);

--
-- Name: note_addendum_author_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX note_addendum_author_idx ON carelog.note_addendum USING btree (author_id);

--
-- Name: note_addendum_note_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX note_addendum_note_idx ON carelog.note_addendum USING btree (session_note_id);

--
-- Name: note_addendum_patient_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX note_addendum_patient_idx ON carelog.note_addendum USING btree (patient_id);

--
-- Name: outcome_measure_patient_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX outcome_measure_patient_idx ON carelog.outcome_measure USING btree (patient_id);

--
-- Name: participant_note_patient_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX participant_note_patient_idx ON carelog.participant_note USING btree (patient_id);

--
-- Name: patient_site_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX patient_site_id_idx ON carelog.patient USING btree (site_id);

--
-- Name: plan_goal_status_on_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX plan_goal_status_on_idx ON carelog.plan_goal USING btree (status_on);

--
-- Name: plan_review_reviewer_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX plan_review_reviewer_id_idx ON carelog.plan_review USING btree (reviewer_id);

--
-- Name: roll_closure_closed_by_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX roll_closure_closed_by_idx ON carelog.roll_closure USING btree (closed_by_id);

--
-- Name: run_log_db_user_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX run_log_db_user_idx ON carelog.run_log USING btree (db_user);

--
-- Name: run_log_ran_at_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX run_log_ran_at_idx ON carelog.run_log USING btree (ran_at);

--
-- Name: session_note_author_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX session_note_author_idx ON carelog.session_note USING btree (author_id);

--
-- Name: session_note_cosigned_by_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX session_note_cosigned_by_idx ON carelog.session_note USING btree (cosigned_by_id);

--
-- Name: session_note_service_code_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX session_note_service_code_idx ON carelog.session_note USING btree (service_code_id);

--
-- Name: session_note_signed_by_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX session_note_signed_by_idx ON carelog.session_note USING btree (signed_by_id);

--
-- Name: staff_site_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX staff_site_id_idx ON carelog.staff USING btree (site_id);

--
-- Name: therapist_assignment_therapist_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX therapist_assignment_therapist_id_idx ON carelog.therapist_assignment USING btree (therapist_id);

--
-- Name: treatment_plan_author_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX treatment_plan_author_id_idx ON carelog.treatment_plan USING btree (author_id);

--
-- Name: treatment_plan_patient_id_idx; Type: INDEX; Schema: carelog; Owner: -
--

CREATE INDEX treatment_plan_patient_id_idx ON carelog.treatment_plan USING btree (patient_id);

--
-- Name: app_user app_user_disabled_ends_sessions; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER app_user_disabled_ends_sessions AFTER UPDATE OF active ON carelog.app_user FOR EACH ROW WHEN ((old.active AND (NOT new.active))) EXECUTE FUNCTION carelog.user_disable_ends_sessions();

--
-- Name: attendance attendance_after_closed_roll; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_after_closed_roll BEFORE INSERT ON carelog.attendance FOR EACH ROW EXECUTE FUNCTION carelog.attendance_after_closed_roll();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_after_closed_roll;

--
-- Name: attendance attendance_check_closed_months; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_check_closed_months AFTER INSERT ON carelog.attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_closed_months();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_check_closed_months;

--
-- Name: attendance attendance_check_references_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_check_references_insert AFTER INSERT ON carelog.attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_references();

--
-- Name: attendance attendance_check_references_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_check_references_update AFTER UPDATE ON carelog.attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_references();

--
-- Name: attendance attendance_check_rules_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_check_rules_insert AFTER INSERT ON carelog.attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_rules();

--
-- Name: attendance attendance_check_rules_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_check_rules_update AFTER UPDATE ON carelog.attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_rules();

--
-- Name: attendance attendance_check_session_month_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_check_session_month_insert AFTER INSERT ON carelog.attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_month();

--
-- Name: attendance attendance_check_session_month_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_check_session_month_update AFTER UPDATE ON carelog.attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_month();

--
-- Name: attendance attendance_correct; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_correct BEFORE UPDATE ON carelog.attendance FOR EACH ROW EXECUTE FUNCTION carelog.attendance_correct();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_correct;

--
-- Name: attendance attendance_record_void; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_record_void AFTER DELETE ON carelog.attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_record_void();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_record_void;

--
-- Name: group_session attendance_reference_guard_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_reference_guard_delete BEFORE DELETE ON carelog.group_session FOR EACH ROW EXECUTE FUNCTION carelog.attendance_referenced_guard('session_id');

--
-- Name: patient attendance_reference_guard_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_reference_guard_delete BEFORE DELETE ON carelog.patient FOR EACH ROW EXECUTE FUNCTION carelog.attendance_referenced_guard('patient_id');

--
-- Name: staff attendance_reference_guard_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_reference_guard_delete BEFORE DELETE ON carelog.staff FOR EACH ROW EXECUTE FUNCTION carelog.attendance_referenced_guard('recorded_by_id');

--
-- Name: group_session attendance_reference_guard_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_reference_guard_truncate BEFORE TRUNCATE ON carelog.group_session FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_referenced_guard('session_id');

--
-- Name: patient attendance_reference_guard_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_reference_guard_truncate BEFORE TRUNCATE ON carelog.patient FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_referenced_guard('patient_id');

--
-- Name: staff attendance_reference_guard_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_reference_guard_truncate BEFORE TRUNCATE ON carelog.staff FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_referenced_guard('recorded_by_id');

--
-- Name: attendance attendance_refuse_unexplained_correction; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_refuse_unexplained_correction AFTER UPDATE ON carelog.attendance FOR EACH ROW WHEN ((((((new.status IS DISTINCT FROM old.status) OR (new.minutes_attended IS DISTINCT FROM old.minutes_attended)) OR (new.patient_id IS DISTINCT FROM old.patient_id)) OR (new.session_id IS DISTINCT FROM old.session_id)) AND (new.correction_reason IS NULL))) EXECUTE FUNCTION carelog.attendance_refuse_unexplained_correction();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER attendance_refuse_unexplained_correction;

--
-- Name: attendance_void attendance_void_append_only_row; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_void_append_only_row BEFORE DELETE OR UPDATE ON carelog.attendance_void FOR EACH ROW EXECUTE FUNCTION carelog.refuse_change_append_only();

--
-- Name: attendance_void attendance_void_append_only_statement; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER attendance_void_append_only_statement BEFORE TRUNCATE ON carelog.attendance_void FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_change_append_only();

--
-- Name: audit_batch audit_batch_append_only_row; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_batch_append_only_row BEFORE DELETE OR UPDATE ON carelog.audit_batch FOR EACH ROW EXECUTE FUNCTION carelog.audit_refuse_change();

ALTER TABLE carelog.audit_batch ENABLE ALWAYS TRIGGER audit_batch_append_only_row;

--
-- Name: audit_batch audit_batch_append_only_statement; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_batch_append_only_statement BEFORE DELETE OR UPDATE OR TRUNCATE ON carelog.audit_batch FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_refuse_change();

ALTER TABLE carelog.audit_batch ENABLE ALWAYS TRIGGER audit_batch_append_only_statement;

--
-- Name: audit_batch audit_batch_insert_only_by_audit; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_batch_insert_only_by_audit BEFORE INSERT ON carelog.audit_batch FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_refuse_direct_insert();

--
-- Name: audit_event audit_event_append_only_row; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_event_append_only_row BEFORE DELETE OR UPDATE ON carelog.audit_event FOR EACH ROW EXECUTE FUNCTION carelog.audit_refuse_change();

ALTER TABLE carelog.audit_event ENABLE ALWAYS TRIGGER audit_event_append_only_row;

--
-- Name: audit_event audit_event_append_only_statement; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_event_append_only_statement BEFORE DELETE OR UPDATE OR TRUNCATE ON carelog.audit_event FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_refuse_change();

ALTER TABLE carelog.audit_event ENABLE ALWAYS TRIGGER audit_event_append_only_statement;

--
-- Name: audit_event audit_event_insert_only_by_audit; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_event_insert_only_by_audit BEFORE INSERT ON carelog.audit_event FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_refuse_direct_insert();

--
-- Name: app_user audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.app_user FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.app_user ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: assessment audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.assessment FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.assessment ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: attendance audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.attendance FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: attendance_void audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.attendance_void FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.attendance_void ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: care_group audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.care_group FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.care_group ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: closed_period audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.closed_period FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.closed_period ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: consent audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.consent FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.consent ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: credential audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.credential FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.credential ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: disclosure audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.disclosure FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.disclosure ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: disclosure_patient audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.disclosure_patient FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.disclosure_patient ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: drug_screen audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.drug_screen FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.drug_screen ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: episode audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.episode FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.episode ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: group_cofacilitator audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.group_cofacilitator FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.group_cofacilitator ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: group_enrollment audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.group_enrollment FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.group_enrollment ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: group_session audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.group_session FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.group_session ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: modality audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.modality FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.modality ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: note_addendum audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.note_addendum FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.note_addendum ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: outcome_measure audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.outcome_measure FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.outcome_measure ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: participant_note audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.participant_note FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.participant_note ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: patient audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.patient FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.patient ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: plan_goal audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.plan_goal FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.plan_goal ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: plan_requirement audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.plan_requirement FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.plan_requirement ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: plan_review audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.plan_review FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.plan_review ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: roll_closure audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.roll_closure FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.roll_closure ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: run_log audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.run_log FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.run_log ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: service_code audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.service_code FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.service_code ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: session_note audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.session_note FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: site audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.site FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.site ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: staff audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.staff FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.staff ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: therapist_assignment audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.therapist_assignment FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.therapist_assignment ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: treatment_plan audit_lock; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER audit_lock BEFORE INSERT OR DELETE OR UPDATE ON carelog.treatment_plan FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_lock();

ALTER TABLE carelog.treatment_plan ENABLE ALWAYS TRIGGER audit_lock;

--
-- Name: care_group care_group_attendance_guard; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER care_group_attendance_guard AFTER UPDATE OF gender_focus, site_id, kind ON carelog.care_group FOR EACH ROW WHEN (((old.gender_focus IS DISTINCT FROM new.gender_focus) OR (old.site_id IS DISTINCT FROM new.site_id) OR (old.kind IS DISTINCT FROM new.kind))) EXECUTE FUNCTION carelog.attendance_guard();

--
-- Name: care_group care_group_attendance_refile; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER care_group_attendance_refile AFTER UPDATE OF site_id ON carelog.care_group FOR EACH ROW WHEN ((old.site_id IS DISTINCT FROM new.site_id)) EXECUTE FUNCTION carelog.attendance_refile();

--
-- Name: closed_period closed_period_append_only_row; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER closed_period_append_only_row BEFORE DELETE OR UPDATE ON carelog.closed_period FOR EACH ROW EXECUTE FUNCTION carelog.refuse_change_append_only();

--
-- Name: closed_period closed_period_append_only_statement; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER closed_period_append_only_statement BEFORE TRUNCATE ON carelog.closed_period FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_change_append_only();

--
-- Name: closed_period closed_period_stamp; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER closed_period_stamp BEFORE INSERT ON carelog.closed_period FOR EACH ROW EXECUTE FUNCTION carelog.closed_period_stamp();

ALTER TABLE carelog.closed_period ENABLE ALWAYS TRIGGER closed_period_stamp;

--
-- Name: disclosure disclosure_append_only_row; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER disclosure_append_only_row BEFORE DELETE OR UPDATE ON carelog.disclosure FOR EACH ROW EXECUTE FUNCTION carelog.disclosure_refuse_change();

--
-- Name: disclosure disclosure_append_only_statement; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER disclosure_append_only_statement BEFORE TRUNCATE ON carelog.disclosure FOR EACH STATEMENT EXECUTE FUNCTION carelog.disclosure_refuse_change();

--
-- Name: disclosure_patient disclosure_patient_append_only_row; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER disclosure_patient_append_only_row BEFORE DELETE OR UPDATE ON carelog.disclosure_patient FOR EACH ROW EXECUTE FUNCTION carelog.disclosure_refuse_change();

--
-- Name: disclosure_patient disclosure_patient_append_only_statement; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER disclosure_patient_append_only_statement BEFORE TRUNCATE ON carelog.disclosure_patient FOR EACH STATEMENT EXECUTE FUNCTION carelog.disclosure_refuse_change();

--
-- Name: disclosure disclosure_stamp; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER disclosure_stamp BEFORE INSERT ON carelog.disclosure FOR EACH ROW EXECUTE FUNCTION carelog.disclosure_stamp();

ALTER TABLE carelog.disclosure ENABLE ALWAYS TRIGGER disclosure_stamp;

--
-- Name: episode episode_attendance_guard_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER episode_attendance_guard_delete AFTER DELETE ON carelog.episode FOR EACH ROW EXECUTE FUNCTION carelog.attendance_guard();

--
-- Name: episode episode_attendance_guard_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER episode_attendance_guard_truncate BEFORE TRUNCATE ON carelog.episode FOR EACH STATEMENT EXECUTE FUNCTION carelog.episode_truncate_guard();

--
-- Name: episode episode_attendance_guard_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER episode_attendance_guard_update AFTER UPDATE OF patient_id, admitted_on, discharged_on ON carelog.episode FOR EACH ROW WHEN (((old.patient_id IS DISTINCT FROM new.patient_id) OR (old.admitted_on IS DISTINCT FROM new.admitted_on) OR (old.discharged_on IS DISTINCT FROM new.discharged_on))) EXECUTE FUNCTION carelog.attendance_guard();

--
-- Name: group_enrollment group_enrollment_attendance_guard_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER group_enrollment_attendance_guard_delete AFTER DELETE ON carelog.group_enrollment FOR EACH ROW EXECUTE FUNCTION carelog.attendance_guard();

--
-- Name: group_enrollment group_enrollment_attendance_guard_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER group_enrollment_attendance_guard_truncate BEFORE TRUNCATE ON carelog.group_enrollment FOR EACH STATEMENT EXECUTE FUNCTION carelog.group_enrollment_truncate_guard();

--
-- Name: group_enrollment group_enrollment_attendance_guard_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER group_enrollment_attendance_guard_update AFTER UPDATE OF group_id, patient_id, starts_on, ends_on ON carelog.group_enrollment FOR EACH ROW WHEN (((old.group_id IS DISTINCT FROM new.group_id) OR (old.patient_id IS DISTINCT FROM new.patient_id) OR (old.starts_on IS DISTINCT FROM new.starts_on) OR (old.ends_on IS DISTINCT FROM new.ends_on))) EXECUTE FUNCTION carelog.attendance_guard();

--
-- Name: group_session group_session_attendance_guard; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER group_session_attendance_guard AFTER UPDATE OF status, starts_at, group_id ON carelog.group_session FOR EACH ROW WHEN (((old.status IS DISTINCT FROM new.status) OR (old.starts_at IS DISTINCT FROM new.starts_at) OR (old.group_id IS DISTINCT FROM new.group_id))) EXECUTE FUNCTION carelog.attendance_guard();

--
-- Name: group_session group_session_attendance_refile; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER group_session_attendance_refile AFTER UPDATE OF starts_at, group_id ON carelog.group_session FOR EACH ROW WHEN (((old.starts_at IS DISTINCT FROM new.starts_at) OR (old.group_id IS DISTINCT FROM new.group_id))) EXECUTE FUNCTION carelog.attendance_refile();

--
-- Name: group_session group_session_keep_facilitator; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER group_session_keep_facilitator BEFORE UPDATE OF facilitator_id ON carelog.group_session FOR EACH ROW WHEN ((old.facilitator_id IS DISTINCT FROM new.facilitator_id)) EXECUTE FUNCTION carelog.group_session_keep_facilitator();

ALTER TABLE carelog.group_session ENABLE ALWAYS TRIGGER group_session_keep_facilitator;

--
-- Name: note_addendum note_addendum_append_only_row; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER note_addendum_append_only_row BEFORE DELETE OR UPDATE ON carelog.note_addendum FOR EACH ROW EXECUTE FUNCTION carelog.refuse_change_append_only();

ALTER TABLE carelog.note_addendum ENABLE ALWAYS TRIGGER note_addendum_append_only_row;

--
-- Name: note_addendum note_addendum_append_only_statement; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER note_addendum_append_only_statement BEFORE TRUNCATE ON carelog.note_addendum FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_change_append_only();

ALTER TABLE carelog.note_addendum ENABLE ALWAYS TRIGGER note_addendum_append_only_statement;

--
-- Name: note_addendum note_addendum_stamp; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER note_addendum_stamp BEFORE INSERT ON carelog.note_addendum FOR EACH ROW EXECUTE FUNCTION carelog.note_addendum_stamp();

ALTER TABLE carelog.note_addendum ENABLE ALWAYS TRIGGER note_addendum_stamp;

--
-- Name: participant_note participant_note_guard; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER participant_note_guard BEFORE INSERT OR DELETE OR UPDATE ON carelog.participant_note FOR EACH ROW EXECUTE FUNCTION carelog.participant_note_guard();

ALTER TABLE carelog.participant_note ENABLE ALWAYS TRIGGER participant_note_guard;

--
-- Name: participant_note participant_note_no_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER participant_note_no_truncate BEFORE TRUNCATE ON carelog.participant_note FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_truncate_notes();

ALTER TABLE carelog.participant_note ENABLE ALWAYS TRIGGER participant_note_no_truncate;

--
-- Name: patient patient_attendance_guard; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER patient_attendance_guard AFTER UPDATE OF gender ON carelog.patient FOR EACH ROW WHEN ((old.gender IS DISTINCT FROM new.gender)) EXECUTE FUNCTION carelog.attendance_guard();

--
-- Name: plan_review plan_review_check_closed_month; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER plan_review_check_closed_month BEFORE INSERT OR DELETE OR UPDATE ON carelog.plan_review FOR EACH ROW EXECUTE FUNCTION carelog.plan_review_check_closed_month();

ALTER TABLE carelog.plan_review ENABLE ALWAYS TRIGGER plan_review_check_closed_month;

--
-- Name: roll_closure roll_closure_append_only_row; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER roll_closure_append_only_row BEFORE DELETE OR UPDATE ON carelog.roll_closure FOR EACH ROW EXECUTE FUNCTION carelog.refuse_change_append_only();

ALTER TABLE carelog.roll_closure ENABLE ALWAYS TRIGGER roll_closure_append_only_row;

--
-- Name: roll_closure roll_closure_append_only_statement; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER roll_closure_append_only_statement BEFORE TRUNCATE ON carelog.roll_closure FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_change_append_only();

ALTER TABLE carelog.roll_closure ENABLE ALWAYS TRIGGER roll_closure_append_only_statement;

--
-- Name: roll_closure roll_closure_stamp; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER roll_closure_stamp BEFORE INSERT ON carelog.roll_closure FOR EACH ROW EXECUTE FUNCTION carelog.roll_closure_stamp();

ALTER TABLE carelog.roll_closure ENABLE ALWAYS TRIGGER roll_closure_stamp;

--
-- Name: run_log run_log_append_only_row; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER run_log_append_only_row BEFORE DELETE OR UPDATE ON carelog.run_log FOR EACH ROW EXECUTE FUNCTION carelog.run_log_refuse_change();

--
-- Name: run_log run_log_append_only_statement; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER run_log_append_only_statement BEFORE TRUNCATE ON carelog.run_log FOR EACH STATEMENT EXECUTE FUNCTION carelog.run_log_refuse_change();

--
-- Name: run_log run_log_stamp; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER run_log_stamp BEFORE INSERT ON carelog.run_log FOR EACH ROW EXECUTE FUNCTION carelog.run_log_stamp();

ALTER TABLE carelog.run_log ENABLE ALWAYS TRIGGER run_log_stamp;

--
-- Name: session_note session_note_guard; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER session_note_guard BEFORE INSERT OR DELETE OR UPDATE ON carelog.session_note FOR EACH ROW EXECUTE FUNCTION carelog.session_note_guard();

ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER session_note_guard;

--
-- Name: session_note session_note_no_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER session_note_no_truncate BEFORE TRUNCATE ON carelog.session_note FOR EACH STATEMENT EXECUTE FUNCTION carelog.refuse_truncate_notes();

ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER session_note_no_truncate;

--
-- Name: site site_attendance_guard; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER site_attendance_guard AFTER UPDATE OF timezone ON carelog.site FOR EACH ROW WHEN ((old.timezone IS DISTINCT FROM new.timezone)) EXECUTE FUNCTION carelog.attendance_guard();

--
-- Name: site site_attendance_refile; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER site_attendance_refile AFTER UPDATE OF timezone ON carelog.site FOR EACH ROW WHEN ((old.timezone IS DISTINCT FROM new.timezone)) EXECUTE FUNCTION carelog.attendance_refile();

--
-- Name: site site_check_timezone_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER site_check_timezone_insert AFTER INSERT ON carelog.site REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.site_check_timezone();

ALTER TABLE carelog.site ENABLE ALWAYS TRIGGER site_check_timezone_insert;

--
-- Name: site site_check_timezone_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER site_check_timezone_update AFTER UPDATE ON carelog.site REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.site_check_timezone();

ALTER TABLE carelog.site ENABLE ALWAYS TRIGGER site_check_timezone_update;

--
-- Name: app_user zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.app_user REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.app_user ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: assessment zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.assessment REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.assessment ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: attendance zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: attendance_void zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.attendance_void REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.attendance_void ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: care_group zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.care_group REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.care_group ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: closed_period zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.closed_period REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.closed_period ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: consent zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.consent REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.consent ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: credential zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.credential REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.credential ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: disclosure zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.disclosure REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.disclosure ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: disclosure_patient zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.disclosure_patient REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.disclosure_patient ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: drug_screen zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.drug_screen REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.drug_screen ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: episode zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.episode REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.episode ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: group_cofacilitator zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.group_cofacilitator REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.group_cofacilitator ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: group_enrollment zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.group_enrollment REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.group_enrollment ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: group_session zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.group_session REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.group_session ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: modality zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.modality REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.modality ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: note_addendum zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.note_addendum REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.note_addendum ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: outcome_measure zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.outcome_measure REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.outcome_measure ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: participant_note zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.participant_note REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.participant_note ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: patient zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.patient REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.patient ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: plan_goal zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.plan_goal REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.plan_goal ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: plan_requirement zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.plan_requirement REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.plan_requirement ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: plan_review zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.plan_review REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.plan_review ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: roll_closure zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.roll_closure REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.roll_closure ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: run_log zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.run_log REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.run_log ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: service_code zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.service_code REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.service_code ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: session_note zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.session_note REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: site zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.site REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.site ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: staff zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.staff REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.staff ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: therapist_assignment zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.therapist_assignment REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.therapist_assignment ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: treatment_plan zz_audit_delete; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_delete AFTER DELETE ON carelog.treatment_plan REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.treatment_plan ENABLE ALWAYS TRIGGER zz_audit_delete;

--
-- Name: app_user zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.app_user REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.app_user ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: assessment zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.assessment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.assessment ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: attendance zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: attendance_void zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.attendance_void REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.attendance_void ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: care_group zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.care_group REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.care_group ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: closed_period zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.closed_period REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.closed_period ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: consent zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.consent REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.consent ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: credential zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.credential REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.credential ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: disclosure zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.disclosure REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.disclosure ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: disclosure_patient zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.disclosure_patient REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.disclosure_patient ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: drug_screen zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.drug_screen REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.drug_screen ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: episode zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.episode REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.episode ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: group_cofacilitator zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.group_cofacilitator REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.group_cofacilitator ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: group_enrollment zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.group_enrollment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.group_enrollment ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: group_session zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.group_session REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.group_session ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: modality zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.modality REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.modality ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: note_addendum zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.note_addendum REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.note_addendum ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: outcome_measure zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.outcome_measure REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.outcome_measure ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: participant_note zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.participant_note REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.participant_note ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: patient zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.patient REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.patient ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: plan_goal zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.plan_goal REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.plan_goal ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: plan_requirement zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.plan_requirement REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.plan_requirement ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: plan_review zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.plan_review REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.plan_review ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: roll_closure zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.roll_closure REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.roll_closure ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: run_log zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.run_log REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.run_log ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: service_code zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.service_code REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.service_code ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: session_note zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.session_note REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: site zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.site REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.site ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: staff zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.staff REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.staff ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: therapist_assignment zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.therapist_assignment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.therapist_assignment ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: treatment_plan zz_audit_insert; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_insert AFTER INSERT ON carelog.treatment_plan REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.treatment_plan ENABLE ALWAYS TRIGGER zz_audit_insert;

--
-- Name: app_user zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.app_user FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.app_user ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: assessment zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.assessment FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.assessment ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: attendance zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.attendance FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: attendance_void zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.attendance_void FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.attendance_void ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: care_group zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.care_group FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.care_group ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: closed_period zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.closed_period FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.closed_period ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: consent zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.consent FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.consent ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: credential zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.credential FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.credential ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: disclosure zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.disclosure FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.disclosure ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: disclosure_patient zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.disclosure_patient FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.disclosure_patient ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: drug_screen zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.drug_screen FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.drug_screen ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: episode zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.episode FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.episode ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: group_cofacilitator zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.group_cofacilitator FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.group_cofacilitator ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: group_enrollment zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.group_enrollment FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.group_enrollment ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: group_session zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.group_session FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.group_session ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: modality zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.modality FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.modality ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: note_addendum zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.note_addendum FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.note_addendum ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: outcome_measure zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.outcome_measure FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.outcome_measure ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: participant_note zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.participant_note FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.participant_note ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: patient zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.patient FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.patient ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: plan_goal zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.plan_goal FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.plan_goal ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: plan_requirement zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.plan_requirement FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.plan_requirement ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: plan_review zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.plan_review FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.plan_review ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: roll_closure zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.roll_closure FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.roll_closure ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: run_log zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.run_log FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.run_log ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: service_code zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.service_code FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.service_code ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: session_note zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.session_note FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: site zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.site FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.site ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: staff zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.staff FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.staff ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: therapist_assignment zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.therapist_assignment FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.therapist_assignment ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: treatment_plan zz_audit_truncate; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_truncate BEFORE TRUNCATE ON carelog.treatment_plan FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record_truncate();

ALTER TABLE carelog.treatment_plan ENABLE ALWAYS TRIGGER zz_audit_truncate;

--
-- Name: app_user zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.app_user REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.app_user ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: assessment zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.assessment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.assessment ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: attendance zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.attendance ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: attendance_void zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.attendance_void REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.attendance_void ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: care_group zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.care_group REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.care_group ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: closed_period zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.closed_period REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.closed_period ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: consent zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.consent REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.consent ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: credential zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.credential REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.credential ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: disclosure zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.disclosure REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.disclosure ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: disclosure_patient zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.disclosure_patient REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.disclosure_patient ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: drug_screen zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.drug_screen REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.drug_screen ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: episode zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.episode REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.episode ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: group_cofacilitator zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.group_cofacilitator REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.group_cofacilitator ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: group_enrollment zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.group_enrollment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.group_enrollment ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: group_session zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.group_session REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.group_session ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: modality zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.modality REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.modality ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: note_addendum zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.note_addendum REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.note_addendum ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: outcome_measure zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.outcome_measure REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.outcome_measure ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: participant_note zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.participant_note REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.participant_note ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: patient zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.patient REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.patient ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: plan_goal zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.plan_goal REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.plan_goal ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: plan_requirement zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.plan_requirement REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.plan_requirement ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: plan_review zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.plan_review REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.plan_review ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: roll_closure zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.roll_closure REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.roll_closure ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: run_log zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.run_log REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.run_log ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: service_code zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.service_code REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.service_code ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: session_note zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.session_note REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.session_note ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: site zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.site REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.site ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: staff zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.staff REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.staff ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: therapist_assignment zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.therapist_assignment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.therapist_assignment ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: treatment_plan zz_audit_update; Type: TRIGGER; Schema: carelog; Owner: -
--

CREATE TRIGGER zz_audit_update AFTER UPDATE ON carelog.treatment_plan REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_record();

ALTER TABLE carelog.treatment_plan ENABLE ALWAYS TRIGGER zz_audit_update;

--
-- Name: app_user app_user_site_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.app_user
    ADD CONSTRAINT app_user_site_id_fkey FOREIGN KEY (site_id) REFERENCES carelog.site(id);

--
-- Name: app_user app_user_staff_member_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.app_user
    ADD CONSTRAINT app_user_staff_member_id_fkey FOREIGN KEY (staff_member_id) REFERENCES carelog.staff(id);

--
-- Name: assessment assessment_patient_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.assessment
    ADD CONSTRAINT assessment_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: attendance attendance_corrected_by_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE carelog.attendance
    ADD CONSTRAINT attendance_corrected_by_fkey FOREIGN KEY (corrected_by_id) REFERENCES carelog.staff(id);

--
-- Name: attendance_void attendance_void_patient_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.attendance_void
    ADD CONSTRAINT attendance_void_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: attendance_void attendance_void_session_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.attendance_void
    ADD CONSTRAINT attendance_void_session_fkey FOREIGN KEY (session_id) REFERENCES carelog.group_session(id);

--
-- Name: care_group care_group_facilitator_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.care_group
    ADD CONSTRAINT care_group_facilitator_id_fkey FOREIGN KEY (facilitator_id) REFERENCES carelog.staff(id);

--
-- Name: care_group care_group_site_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.care_group
    ADD CONSTRAINT care_group_site_id_fkey FOREIGN KEY (site_id) REFERENCES carelog.site(id);

--
-- Name: closed_period closed_period_site_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.closed_period
    ADD CONSTRAINT closed_period_site_fkey FOREIGN KEY (site_id) REFERENCES carelog.site(id);

--
-- Name: closed_period closed_period_staff_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.closed_period
    ADD CONSTRAINT closed_period_staff_fkey FOREIGN KEY (closed_by_id) REFERENCES carelog.staff(id);

--
-- Name: consent consent_patient_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.consent
    ADD CONSTRAINT consent_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: disclosure_patient disclosure_patient_disclosure_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.disclosure_patient
    ADD CONSTRAINT disclosure_patient_disclosure_fkey FOREIGN KEY (disclosure_id) REFERENCES carelog.disclosure(id);

--
-- Name: disclosure_patient disclosure_patient_patient_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.disclosure_patient
    ADD CONSTRAINT disclosure_patient_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: disclosure disclosure_staff_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.disclosure
    ADD CONSTRAINT disclosure_staff_fkey FOREIGN KEY (acting_staff_id) REFERENCES carelog.staff(id);

--
-- Name: drug_screen drug_screen_patient_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.drug_screen
    ADD CONSTRAINT drug_screen_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: episode episode_patient_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.episode
    ADD CONSTRAINT episode_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: group_cofacilitator group_cofacilitator_group_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_cofacilitator
    ADD CONSTRAINT group_cofacilitator_group_fkey FOREIGN KEY (group_id) REFERENCES carelog.care_group(id);

--
-- Name: group_cofacilitator group_cofacilitator_staff_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_cofacilitator
    ADD CONSTRAINT group_cofacilitator_staff_fkey FOREIGN KEY (staff_member_id) REFERENCES carelog.staff(id);

--
-- Name: group_enrollment group_enrollment_group_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_enrollment
    ADD CONSTRAINT group_enrollment_group_id_fkey FOREIGN KEY (group_id) REFERENCES carelog.care_group(id);

--
-- Name: group_enrollment group_enrollment_patient_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_enrollment
    ADD CONSTRAINT group_enrollment_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: group_session group_session_facilitator_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_session
    ADD CONSTRAINT group_session_facilitator_id_fkey FOREIGN KEY (facilitator_id) REFERENCES carelog.staff(id);

--
-- Name: group_session group_session_group_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.group_session
    ADD CONSTRAINT group_session_group_id_fkey FOREIGN KEY (group_id) REFERENCES carelog.care_group(id);

--
-- Name: note_addendum note_addendum_author_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.note_addendum
    ADD CONSTRAINT note_addendum_author_fkey FOREIGN KEY (author_id) REFERENCES carelog.staff(id);

--
-- Name: note_addendum note_addendum_note_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.note_addendum
    ADD CONSTRAINT note_addendum_note_fkey FOREIGN KEY (session_note_id) REFERENCES carelog.session_note(id);

--
-- Name: note_addendum note_addendum_patient_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.note_addendum
    ADD CONSTRAINT note_addendum_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: outcome_measure outcome_measure_episode_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.outcome_measure
    ADD CONSTRAINT outcome_measure_episode_fkey FOREIGN KEY (episode_id, patient_id) REFERENCES carelog.episode(id, patient_id) ON UPDATE CASCADE;

--
-- Name: outcome_measure outcome_measure_patient_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.outcome_measure
    ADD CONSTRAINT outcome_measure_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: participant_note participant_note_note_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.participant_note
    ADD CONSTRAINT participant_note_note_fkey FOREIGN KEY (session_note_id) REFERENCES carelog.session_note(id);

--
-- Name: participant_note participant_note_patient_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.participant_note
    ADD CONSTRAINT participant_note_patient_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: patient patient_site_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.patient
    ADD CONSTRAINT patient_site_id_fkey FOREIGN KEY (site_id) REFERENCES carelog.site(id);

--
-- Name: plan_goal plan_goal_plan_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_goal
    ADD CONSTRAINT plan_goal_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES carelog.treatment_plan(id);

--
-- Name: plan_requirement plan_requirement_plan_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_requirement
    ADD CONSTRAINT plan_requirement_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES carelog.treatment_plan(id);

--
-- Name: plan_review plan_review_plan_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_review
    ADD CONSTRAINT plan_review_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES carelog.treatment_plan(id);

--
-- Name: plan_review plan_review_reviewer_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.plan_review
    ADD CONSTRAINT plan_review_reviewer_id_fkey FOREIGN KEY (reviewer_id) REFERENCES carelog.staff(id);

--
-- Name: roll_closure roll_closure_closed_by_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.roll_closure
    ADD CONSTRAINT roll_closure_closed_by_fkey FOREIGN KEY (closed_by_id) REFERENCES carelog.staff(id);

--
-- Name: roll_closure roll_closure_session_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.roll_closure
    ADD CONSTRAINT roll_closure_session_fkey FOREIGN KEY (session_id) REFERENCES carelog.group_session(id);

--
-- Name: session_note session_note_author_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.session_note
    ADD CONSTRAINT session_note_author_fkey FOREIGN KEY (author_id) REFERENCES carelog.staff(id);

--
-- Name: session_note session_note_cosigned_by_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.session_note
    ADD CONSTRAINT session_note_cosigned_by_fkey FOREIGN KEY (cosigned_by_id) REFERENCES carelog.staff(id);

--
-- Name: session_note session_note_service_code_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.session_note
    ADD CONSTRAINT session_note_service_code_fkey FOREIGN KEY (service_code_id) REFERENCES carelog.service_code(id);

--
-- Name: session_note session_note_session_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.session_note
    ADD CONSTRAINT session_note_session_fkey FOREIGN KEY (session_id) REFERENCES carelog.group_session(id);

--
-- Name: session_note session_note_signed_by_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.session_note
    ADD CONSTRAINT session_note_signed_by_fkey FOREIGN KEY (signed_by_id) REFERENCES carelog.staff(id);

--
-- Name: staff staff_site_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.staff
    ADD CONSTRAINT staff_site_id_fkey FOREIGN KEY (site_id) REFERENCES carelog.site(id);

--
-- Name: therapist_assignment therapist_assignment_patient_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.therapist_assignment
    ADD CONSTRAINT therapist_assignment_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: therapist_assignment therapist_assignment_therapist_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.therapist_assignment
    ADD CONSTRAINT therapist_assignment_therapist_id_fkey FOREIGN KEY (therapist_id) REFERENCES carelog.staff(id);

--
-- Name: treatment_plan treatment_plan_author_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.treatment_plan
    ADD CONSTRAINT treatment_plan_author_id_fkey FOREIGN KEY (author_id) REFERENCES carelog.staff(id);

--
-- Name: treatment_plan treatment_plan_patient_id_fkey; Type: FK CONSTRAINT; Schema: carelog; Owner: -
--

ALTER TABLE ONLY carelog.treatment_plan
    ADD CONSTRAINT treatment_plan_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES carelog.patient(id);

--
-- Name: app_user; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.app_user ENABLE ROW LEVEL SECURITY;

--
-- Name: assessment; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.assessment ENABLE ROW LEVEL SECURITY;

--
-- Name: attendance; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.attendance ENABLE ROW LEVEL SECURITY;

--
-- Name: attendance_void; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.attendance_void ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_batch; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.audit_batch ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_event; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.audit_event ENABLE ROW LEVEL SECURITY;

--
-- Name: app_user auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.app_user FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: assessment auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.assessment FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: attendance auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.attendance FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: attendance_void auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.attendance_void FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: audit_batch auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.audit_batch FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: audit_event auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.audit_event FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: consent auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.consent FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: drug_screen auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.drug_screen FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: episode auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.episode FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: group_enrollment auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.group_enrollment FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: group_session auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.group_session FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: note_addendum auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.note_addendum FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: outcome_measure auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.outcome_measure FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: participant_note auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.participant_note FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: patient auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.patient FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: plan_goal auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.plan_goal FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: plan_requirement auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.plan_requirement FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: plan_review auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.plan_review FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: roll_closure auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.roll_closure FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: run_log auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.run_log FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: session_note auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.session_note FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: therapist_assignment auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.therapist_assignment FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: treatment_plan auditor_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY auditor_read ON carelog.treatment_plan FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: care_group; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.care_group ENABLE ROW LEVEL SECURITY;

--
-- Name: closed_period; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.closed_period ENABLE ROW LEVEL SECURITY;

--
-- Name: column_class; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.column_class ENABLE ROW LEVEL SECURITY;

--
-- Name: column_class column_class_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY column_class_read ON carelog.column_class FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING (true);

--
-- Name: consent; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.consent ENABLE ROW LEVEL SECURITY;

--
-- Name: credential; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.credential ENABLE ROW LEVEL SECURITY;

--
-- Name: note_addendum director_add; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_add ON carelog.note_addendum FOR INSERT TO carelog_director WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (session_note_id IN ( SELECT carelog.site_note_ids() AS site_note_ids))));

--
-- Name: assessment director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.assessment TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: attendance director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.attendance TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)) OR (session_id IN ( SELECT s.id
   FROM carelog.group_session s)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR ((patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)) AND (session_id IN ( SELECT s.id
   FROM carelog.group_session s)))));

--
-- Name: consent director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.consent TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: drug_screen director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.drug_screen TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: episode director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.episode TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: group_enrollment director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.group_enrollment TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: group_session director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.group_session TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (group_id IN ( SELECT g.id
   FROM carelog.care_group g
  WHERE (g.site_id = ( SELECT carelog.login_site_id() AS login_site_id)))))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (group_id IN ( SELECT g.id
   FROM carelog.care_group g
  WHERE (g.site_id = ( SELECT carelog.login_site_id() AS login_site_id))))));

--
-- Name: outcome_measure director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.outcome_measure TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: participant_note director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.participant_note TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (session_note_id IN ( SELECT carelog.site_note_ids() AS site_note_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR ((session_note_id IN ( SELECT carelog.site_note_ids() AS site_note_ids)) AND (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)))));

--
-- Name: patient director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.patient TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (site_id = ( SELECT carelog.login_site_id() AS login_site_id)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (site_id = ( SELECT carelog.login_site_id() AS login_site_id))));

--
-- Name: plan_goal director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.plan_goal TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp))));

--
-- Name: plan_requirement director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.plan_requirement TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp))));

--
-- Name: plan_review director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.plan_review TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp))));

--
-- Name: session_note director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.session_note TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (id IN ( SELECT carelog.site_note_ids() AS site_note_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (session_id IN ( SELECT s.id
   FROM carelog.group_session s))));

--
-- Name: therapist_assignment director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.therapist_assignment TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: treatment_plan director_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_all ON carelog.treatment_plan TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: closed_period director_close; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_close ON carelog.closed_period FOR INSERT TO carelog_director WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (site_id = ( SELECT carelog.login_site_id() AS login_site_id))));

--
-- Name: roll_closure director_close; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_close ON carelog.roll_closure FOR INSERT TO carelog_director WITH CHECK ((session_id IN ( SELECT s.id
   FROM carelog.group_session s)));

--
-- Name: app_user director_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_read ON carelog.app_user FOR SELECT TO carelog_director USING ((( SELECT carelog.login_role() AS login_role) = 'director'::text));

--
-- Name: attendance_void director_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_read ON carelog.attendance_void FOR SELECT TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: audit_batch director_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_read ON carelog.audit_batch FOR SELECT TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (EXISTS ( SELECT 1
   FROM carelog.audit_event e
  WHERE (e.batch_id = audit_batch.id)))));

--
-- Name: audit_event director_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_read ON carelog.audit_event FOR SELECT TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (COALESCE(patient_id, carelog.audit_event_patient_id(table_name, record_id, new_values, old_values)) IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: disclosure director_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_read ON carelog.disclosure FOR SELECT TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (db_user = SESSION_USER) OR (id IN ( SELECT carelog.site_disclosure_ids() AS site_disclosure_ids))));

--
-- Name: disclosure_patient director_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_read ON carelog.disclosure_patient FOR SELECT TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (patient_id IN ( SELECT carelog.site_patient_ids() AS site_patient_ids))));

--
-- Name: note_addendum director_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_read ON carelog.note_addendum FOR SELECT TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (session_note_id IN ( SELECT carelog.site_note_ids() AS site_note_ids))));

--
-- Name: roll_closure director_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_read ON carelog.roll_closure FOR SELECT TO carelog_director USING ((session_id IN ( SELECT s.id
   FROM carelog.group_session s)));

--
-- Name: run_log director_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_read ON carelog.run_log FOR SELECT TO carelog_director USING ((( SELECT carelog.login_role() AS login_role) = 'director'::text));

--
-- Name: care_group director_write; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_write ON carelog.care_group TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (site_id = ( SELECT carelog.login_site_id() AS login_site_id)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (site_id = ( SELECT carelog.login_site_id() AS login_site_id))));

--
-- Name: credential director_write; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_write ON carelog.credential TO carelog_director USING ((( SELECT carelog.login_site_id() AS login_site_id) IS NULL)) WITH CHECK ((( SELECT carelog.login_site_id() AS login_site_id) IS NULL));

--
-- Name: group_cofacilitator director_write; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_write ON carelog.group_cofacilitator TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (group_id IN ( SELECT g.id
   FROM carelog.care_group g
  WHERE (g.site_id = ( SELECT carelog.login_site_id() AS login_site_id)))))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (group_id IN ( SELECT g.id
   FROM carelog.care_group g
  WHERE (g.site_id = ( SELECT carelog.login_site_id() AS login_site_id))))));

--
-- Name: modality director_write; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_write ON carelog.modality FOR UPDATE TO carelog_director USING ((( SELECT carelog.login_site_id() AS login_site_id) IS NULL)) WITH CHECK ((( SELECT carelog.login_site_id() AS login_site_id) IS NULL));

--
-- Name: service_code director_write; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_write ON carelog.service_code TO carelog_director USING ((( SELECT carelog.login_site_id() AS login_site_id) IS NULL)) WITH CHECK ((( SELECT carelog.login_site_id() AS login_site_id) IS NULL));

--
-- Name: site director_write; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_write ON carelog.site TO carelog_director USING ((( SELECT carelog.login_site_id() AS login_site_id) IS NULL)) WITH CHECK ((( SELECT carelog.login_site_id() AS login_site_id) IS NULL));

--
-- Name: staff director_write; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY director_write ON carelog.staff TO carelog_director USING (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (site_id = ( SELECT carelog.login_site_id() AS login_site_id)))) WITH CHECK (((( SELECT carelog.login_site_id() AS login_site_id) IS NULL) OR (site_id = ( SELECT carelog.login_site_id() AS login_site_id))));

--
-- Name: disclosure; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.disclosure ENABLE ROW LEVEL SECURITY;

--
-- Name: disclosure_patient; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.disclosure_patient ENABLE ROW LEVEL SECURITY;

--
-- Name: drug_screen; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.drug_screen ENABLE ROW LEVEL SECURITY;

--
-- Name: episode; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.episode ENABLE ROW LEVEL SECURITY;

--
-- Name: group_cofacilitator; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.group_cofacilitator ENABLE ROW LEVEL SECURITY;

--
-- Name: group_enrollment; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.group_enrollment ENABLE ROW LEVEL SECURITY;

--
-- Name: group_session; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.group_session ENABLE ROW LEVEL SECURITY;

--
-- Name: disclosure log_own; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY log_own ON carelog.disclosure FOR INSERT TO carelog_therapist, carelog_director, carelog_auditor WITH CHECK ((db_user = SESSION_USER));

--
-- Name: disclosure_patient log_own; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY log_own ON carelog.disclosure_patient FOR INSERT TO carelog_therapist, carelog_director, carelog_auditor WITH CHECK (((disclosure_id IN ( SELECT d.id
   FROM carelog.disclosure d
  WHERE ((d.db_user = SESSION_USER) AND (d.recorded_in = pg_current_xact_id())))) AND carelog.login_reads_patient(patient_id)));

--
-- Name: run_log log_own_run; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY log_own_run ON carelog.run_log FOR INSERT TO carelog_therapist, carelog_director, carelog_auditor WITH CHECK ((db_user = SESSION_USER));

--
-- Name: modality; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.modality ENABLE ROW LEVEL SECURITY;

--
-- Name: note_addendum; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.note_addendum ENABLE ROW LEVEL SECURITY;

--
-- Name: outcome_measure; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.outcome_measure ENABLE ROW LEVEL SECURITY;

--
-- Name: participant_note; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.participant_note ENABLE ROW LEVEL SECURITY;

--
-- Name: patient; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.patient ENABLE ROW LEVEL SECURITY;

--
-- Name: plan_goal; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.plan_goal ENABLE ROW LEVEL SECURITY;

--
-- Name: plan_requirement; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.plan_requirement ENABLE ROW LEVEL SECURITY;

--
-- Name: plan_review; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.plan_review ENABLE ROW LEVEL SECURITY;

--
-- Name: disclosure read_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_all ON carelog.disclosure FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: disclosure_patient read_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_all ON carelog.disclosure_patient FOR SELECT TO carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) = 'auditor'::text));

--
-- Name: disclosure read_own; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_own ON carelog.disclosure FOR SELECT TO carelog_therapist USING ((db_user = SESSION_USER));

--
-- Name: disclosure_patient read_own; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_own ON carelog.disclosure_patient FOR SELECT TO carelog_therapist USING ((disclosure_id IN ( SELECT d.id
   FROM carelog.disclosure d)));

--
-- Name: care_group read_reference; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_reference ON carelog.care_group FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) IS NOT NULL));

--
-- Name: closed_period read_reference; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_reference ON carelog.closed_period FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) IS NOT NULL));

--
-- Name: credential read_reference; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_reference ON carelog.credential FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) IS NOT NULL));

--
-- Name: group_cofacilitator read_reference; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_reference ON carelog.group_cofacilitator FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) IS NOT NULL));

--
-- Name: modality read_reference; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_reference ON carelog.modality FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) IS NOT NULL));

--
-- Name: service_code read_reference; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_reference ON carelog.service_code FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) IS NOT NULL));

--
-- Name: site read_reference; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_reference ON carelog.site FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) IS NOT NULL));

--
-- Name: staff read_reference; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_reference ON carelog.staff FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) IS NOT NULL));

--
-- Name: teds_code read_reference; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY read_reference ON carelog.teds_code FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING ((( SELECT carelog.login_role() AS login_role) IS NOT NULL));

--
-- Name: roll_closure; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.roll_closure ENABLE ROW LEVEL SECURITY;

--
-- Name: run_log; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.run_log ENABLE ROW LEVEL SECURITY;

--
-- Name: service_code; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.service_code ENABLE ROW LEVEL SECURITY;

--
-- Name: session_note; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.session_note ENABLE ROW LEVEL SECURITY;

--
-- Name: site; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.site ENABLE ROW LEVEL SECURITY;

--
-- Name: staff; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.staff ENABLE ROW LEVEL SECURITY;

--
-- Name: teds_code; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.teds_code ENABLE ROW LEVEL SECURITY;

--
-- Name: note_addendum therapist_add; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_add ON carelog.note_addendum FOR INSERT TO carelog_therapist WITH CHECK ((session_note_id IN ( SELECT carelog.facilitated_note_ids() AS facilitated_note_ids)));

--
-- Name: plan_goal therapist_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_all ON carelog.plan_goal TO carelog_therapist USING ((plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp))) WITH CHECK ((plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp)));

--
-- Name: plan_requirement therapist_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_all ON carelog.plan_requirement TO carelog_therapist USING ((plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp))) WITH CHECK ((plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp)));

--
-- Name: plan_review therapist_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_all ON carelog.plan_review TO carelog_therapist USING ((plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp))) WITH CHECK ((plan_id IN ( SELECT tp.id
   FROM carelog.treatment_plan tp)));

--
-- Name: treatment_plan therapist_all; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_all ON carelog.treatment_plan TO carelog_therapist USING ((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids))) WITH CHECK ((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)));

--
-- Name: therapist_assignment; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.therapist_assignment ENABLE ROW LEVEL SECURITY;

--
-- Name: roll_closure therapist_close; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_close ON carelog.roll_closure FOR INSERT TO carelog_therapist WITH CHECK ((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids)));

--
-- Name: session_note therapist_delete; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_delete ON carelog.session_note FOR DELETE TO carelog_therapist USING ((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids)));

--
-- Name: attendance therapist_insert; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_insert ON carelog.attendance FOR INSERT TO carelog_therapist WITH CHECK ((((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)) OR ((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids)) AND (patient_id IN ( SELECT carelog.therapist_patient_ids() AS therapist_patient_ids)))) AND (recorded_by_id = ( SELECT carelog.login_staff_id() AS login_staff_id))));

--
-- Name: group_session therapist_insert; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_insert ON carelog.group_session FOR INSERT TO carelog_therapist WITH CHECK (((group_id IN ( SELECT carelog.facilitated_group_ids() AS facilitated_group_ids)) AND (facilitator_id = ( SELECT carelog.login_staff_id() AS login_staff_id))));

--
-- Name: session_note therapist_insert; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_insert ON carelog.session_note FOR INSERT TO carelog_therapist WITH CHECK ((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids)));

--
-- Name: run_log therapist_own_runs; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_own_runs ON carelog.run_log FOR SELECT TO carelog_therapist USING ((db_user = SESSION_USER));

--
-- Name: assessment therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.assessment FOR SELECT TO carelog_therapist USING ((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)));

--
-- Name: attendance therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.attendance FOR SELECT TO carelog_therapist USING (((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)) OR (session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids))));

--
-- Name: attendance_void therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.attendance_void FOR SELECT TO carelog_therapist USING (((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)) OR (session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids))));

--
-- Name: audit_batch therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.audit_batch FOR SELECT TO carelog_therapist USING ((EXISTS ( SELECT 1
   FROM carelog.audit_event e
  WHERE (e.batch_id = audit_batch.id))));

--
-- Name: audit_event therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.audit_event FOR SELECT TO carelog_therapist USING ((((table_name <> ALL (ARRAY['participant_note'::text, 'note_addendum'::text])) AND (COALESCE(patient_id, carelog.audit_event_patient_id(table_name, record_id, new_values, old_values)) IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids))) OR ((table_name = ANY (ARRAY['participant_note'::text, 'note_addendum'::text])) AND (COALESCE(patient_id, carelog.audit_event_patient_id(table_name, record_id, new_values, old_values)) IN ( SELECT carelog.primary_patient_ids() AS primary_patient_ids))) OR ((table_name = 'attendance'::text) AND (((COALESCE(new_values, old_values) ->> 'session_id'::text))::bigint IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids)))));

--
-- Name: consent therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.consent FOR SELECT TO carelog_therapist USING ((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)));

--
-- Name: drug_screen therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.drug_screen FOR SELECT TO carelog_therapist USING ((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)));

--
-- Name: episode therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.episode FOR SELECT TO carelog_therapist USING ((patient_id IN ( SELECT carelog.therapist_patient_ids() AS therapist_patient_ids)));

--
-- Name: group_enrollment therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.group_enrollment FOR SELECT TO carelog_therapist USING (((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)) OR (group_id IN ( SELECT carelog.facilitated_group_ids() AS facilitated_group_ids))));

--
-- Name: group_session therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.group_session FOR SELECT TO carelog_therapist USING (((group_id IN ( SELECT carelog.facilitated_group_ids() AS facilitated_group_ids)) OR (facilitator_id = ( SELECT carelog.login_staff_id() AS login_staff_id)) OR (id IN ( SELECT carelog.caseload_session_ids() AS caseload_session_ids))));

--
-- Name: note_addendum therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.note_addendum FOR SELECT TO carelog_therapist USING (((session_note_id IN ( SELECT carelog.facilitated_note_ids() AS facilitated_note_ids)) OR ((session_note_id IN ( SELECT carelog.primary_patient_note_ids() AS primary_patient_note_ids)) AND ((patient_id IS NULL) OR (patient_id IN ( SELECT carelog.primary_patient_ids() AS primary_patient_ids))))));

--
-- Name: outcome_measure therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.outcome_measure FOR SELECT TO carelog_therapist USING ((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)));

--
-- Name: participant_note therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.participant_note FOR SELECT TO carelog_therapist USING (((session_note_id IN ( SELECT carelog.facilitated_note_ids() AS facilitated_note_ids)) OR (patient_id IN ( SELECT carelog.primary_patient_ids() AS primary_patient_ids))));

--
-- Name: patient therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.patient FOR SELECT TO carelog_therapist USING (((id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)) OR (site_id IN ( SELECT carelog.open_group_site_ids() AS open_group_site_ids)) OR (id IN ( SELECT e.patient_id
   FROM carelog.group_enrollment e))));

--
-- Name: roll_closure therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.roll_closure FOR SELECT TO carelog_therapist USING ((session_id IN ( SELECT s.id
   FROM carelog.group_session s)));

--
-- Name: session_note therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.session_note FOR SELECT TO carelog_therapist USING (((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids)) OR (id IN ( SELECT carelog.primary_patient_note_ids() AS primary_patient_note_ids))));

--
-- Name: therapist_assignment therapist_read; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_read ON carelog.therapist_assignment FOR SELECT TO carelog_therapist USING ((patient_id IN ( SELECT carelog.caseload_patient_ids() AS caseload_patient_ids)));

--
-- Name: attendance therapist_update; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_update ON carelog.attendance FOR UPDATE TO carelog_therapist USING ((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids))) WITH CHECK (((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids)) AND (patient_id IN ( SELECT carelog.therapist_patient_ids() AS therapist_patient_ids))));

--
-- Name: group_session therapist_update; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_update ON carelog.group_session FOR UPDATE TO carelog_therapist USING ((group_id IN ( SELECT carelog.facilitated_group_ids() AS facilitated_group_ids))) WITH CHECK ((group_id IN ( SELECT carelog.facilitated_group_ids() AS facilitated_group_ids)));

--
-- Name: session_note therapist_update; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_update ON carelog.session_note FOR UPDATE TO carelog_therapist USING ((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids))) WITH CHECK ((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids)));

--
-- Name: attendance therapist_void; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_void ON carelog.attendance FOR DELETE TO carelog_therapist USING ((session_id IN ( SELECT carelog.facilitated_session_ids() AS facilitated_session_ids)));

--
-- Name: participant_note therapist_write; Type: POLICY; Schema: carelog; Owner: -
--

CREATE POLICY therapist_write ON carelog.participant_note TO carelog_therapist USING ((session_note_id IN ( SELECT carelog.facilitated_note_ids() AS facilitated_note_ids))) WITH CHECK (((session_note_id IN ( SELECT carelog.facilitated_note_ids() AS facilitated_note_ids)) AND (patient_id IN ( SELECT carelog.therapist_patient_ids() AS therapist_patient_ids))));

--
-- Name: treatment_plan; Type: ROW SECURITY; Schema: carelog; Owner: -
--

ALTER TABLE carelog.treatment_plan ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA carelog; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA carelog TO carelog_therapist;
GRANT USAGE ON SCHEMA carelog TO carelog_director;
GRANT USAGE ON SCHEMA carelog TO carelog_auditor;

--
-- Name: TABLE staff; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.staff TO carelog_director;
GRANT SELECT ON TABLE carelog.staff TO carelog_auditor;
GRANT SELECT ON TABLE carelog.staff TO carelog_therapist;

--
-- Name: FUNCTION assert_attendance_rules(p_session_ids bigint[], p_patient_ids bigint[], p_table text); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.assert_attendance_rules(p_session_ids bigint[], p_patient_ids bigint[], p_table text) FROM PUBLIC;

--
-- Name: FUNCTION assert_attendance_rules_detailed(p_session_ids bigint[], p_patient_ids bigint[], p_table text); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.assert_attendance_rules_detailed(p_session_ids bigint[], p_patient_ids bigint[], p_table text) FROM PUBLIC;

--
-- Name: FUNCTION attach_month_partition(p_table text, p_month date); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.attach_month_partition(p_table text, p_month date) FROM PUBLIC;

--
-- Name: FUNCTION attendance_check_month(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.attendance_check_month() FROM PUBLIC;

--
-- Name: FUNCTION attendance_check_references(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.attendance_check_references() FROM PUBLIC;

--
-- Name: FUNCTION attendance_check_rules(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.attendance_check_rules() FROM PUBLIC;

--
-- Name: FUNCTION attendance_guard(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.attendance_guard() FROM PUBLIC;

--
-- Name: FUNCTION attendance_referenced_guard(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.attendance_referenced_guard() FROM PUBLIC;

--
-- Name: FUNCTION attendance_refile(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.attendance_refile() FROM PUBLIC;

--
-- Name: FUNCTION audit_attach(p_table regclass); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.audit_attach(p_table regclass) FROM PUBLIC;

--
-- Name: TABLE audit_event; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.audit_event TO carelog_director;
GRANT SELECT ON TABLE carelog.audit_event TO carelog_auditor;
GRANT SELECT ON TABLE carelog.audit_event TO carelog_therapist;

--
-- Name: TABLE audit_batch; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.audit_batch TO carelog_director;
GRANT SELECT ON TABLE carelog.audit_batch TO carelog_auditor;
GRANT SELECT ON TABLE carelog.audit_batch TO carelog_therapist;

--
-- Name: FUNCTION audit_lock(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.audit_lock() FROM PUBLIC;

--
-- Name: FUNCTION audit_record(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.audit_record() FROM PUBLIC;

--
-- Name: FUNCTION audit_record_truncate(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.audit_record_truncate() FROM PUBLIC;

--
-- Name: FUNCTION audit_refuse_change(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.audit_refuse_change() FROM PUBLIC;

--
-- Name: FUNCTION audit_refuse_direct_insert(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.audit_refuse_direct_insert() FROM PUBLIC;

--
-- Name: FUNCTION audit_unchecked(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.audit_unchecked() FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.audit_unchecked() TO carelog_director;
GRANT ALL ON FUNCTION carelog.audit_unchecked() TO carelog_auditor;

--
-- Name: FUNCTION audit_verify(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.audit_verify() FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.audit_verify() TO carelog_director;
GRANT ALL ON FUNCTION carelog.audit_verify() TO carelog_auditor;

--
-- Name: TABLE app_user; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.app_user TO carelog_director;
GRANT SELECT ON TABLE carelog.app_user TO carelog_auditor;

--
-- Name: TABLE therapist_assignment; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.therapist_assignment TO carelog_director;
GRANT SELECT ON TABLE carelog.therapist_assignment TO carelog_auditor;
GRANT SELECT ON TABLE carelog.therapist_assignment TO carelog_therapist;

--
-- Name: TABLE attendance; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.attendance TO carelog_director;
GRANT SELECT ON TABLE carelog.attendance TO carelog_auditor;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.attendance TO carelog_therapist;

--
-- Name: FUNCTION check_cosigner(p_session_id bigint, p_cosigner bigint, p_signer bigint); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.check_cosigner(p_session_id bigint, p_cosigner bigint, p_signer bigint) FROM PUBLIC;

--
-- Name: FUNCTION end_sessions_of(p_login text); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.end_sessions_of(p_login text) FROM PUBLIC;

--
-- Name: FUNCTION ensure_attendance_partitions(p_months date[]); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.ensure_attendance_partitions(p_months date[]) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.ensure_attendance_partitions(p_months date[]) TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.ensure_attendance_partitions(p_months date[]) TO carelog_director;

--
-- Name: FUNCTION ensure_partitions(p_through date); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.ensure_partitions(p_through date) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.ensure_partitions(p_through date) TO carelog_director;

--
-- Name: FUNCTION episode_truncate_guard(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.episode_truncate_guard() FROM PUBLIC;

--
-- Name: TABLE care_group; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.care_group TO carelog_director;
GRANT SELECT ON TABLE carelog.care_group TO carelog_auditor;
GRANT SELECT ON TABLE carelog.care_group TO carelog_therapist;

--
-- Name: TABLE group_cofacilitator; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.group_cofacilitator TO carelog_therapist;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.group_cofacilitator TO carelog_director;
GRANT SELECT ON TABLE carelog.group_cofacilitator TO carelog_auditor;

--
-- Name: TABLE group_session; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.group_session TO carelog_director;
GRANT SELECT ON TABLE carelog.group_session TO carelog_auditor;
GRANT SELECT,INSERT,UPDATE ON TABLE carelog.group_session TO carelog_therapist;

--
-- Name: TABLE session_note; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.session_note TO carelog_therapist;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.session_note TO carelog_director;
GRANT SELECT ON TABLE carelog.session_note TO carelog_auditor;

--
-- Name: FUNCTION facilitated_note_ids(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.facilitated_note_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.facilitated_note_ids() TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.facilitated_note_ids() TO carelog_director;
GRANT ALL ON FUNCTION carelog.facilitated_note_ids() TO carelog_auditor;

--
-- Name: FUNCTION group_enrollment_truncate_guard(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.group_enrollment_truncate_guard() FROM PUBLIC;

--
-- Name: FUNCTION hand_to_owner(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.hand_to_owner() FROM PUBLIC;

--
-- Name: TABLE modality; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.modality TO carelog_therapist;
GRANT SELECT ON TABLE carelog.modality TO carelog_director;
GRANT SELECT ON TABLE carelog.modality TO carelog_auditor;

--
-- Name: COLUMN modality.mutual_help; Type: ACL; Schema: carelog; Owner: -
--

GRANT UPDATE(mutual_help) ON TABLE carelog.modality TO carelog_director;

--
-- Name: FUNCTION is_mutual_help(modality text); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.is_mutual_help(modality text) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.is_mutual_help(modality text) TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.is_mutual_help(modality text) TO carelog_director;
GRANT ALL ON FUNCTION carelog.is_mutual_help(modality text) TO carelog_auditor;

--
-- Name: FUNCTION lock_attendance_context(p_session_ids bigint[], p_patient_ids bigint[]); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.lock_attendance_context(p_session_ids bigint[], p_patient_ids bigint[]) FROM PUBLIC;

--
-- Name: TABLE group_enrollment; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.group_enrollment TO carelog_director;
GRANT SELECT ON TABLE carelog.group_enrollment TO carelog_auditor;
GRANT SELECT ON TABLE carelog.group_enrollment TO carelog_therapist;

--
-- Name: TABLE patient; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.patient TO carelog_director;
GRANT SELECT ON TABLE carelog.patient TO carelog_auditor;
GRANT SELECT ON TABLE carelog.patient TO carelog_therapist;

--
-- Name: FUNCTION login_reads_patient(p_patient_id bigint); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.login_reads_patient(p_patient_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.login_reads_patient(p_patient_id bigint) TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.login_reads_patient(p_patient_id bigint) TO carelog_director;
GRANT ALL ON FUNCTION carelog.login_reads_patient(p_patient_id bigint) TO carelog_auditor;

--
-- Name: FUNCTION month_partitions(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.month_partitions() FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.month_partitions() TO carelog_director;
GRANT ALL ON FUNCTION carelog.month_partitions() TO carelog_auditor;

--
-- Name: FUNCTION participant_label(p_patient_id bigint); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.participant_label(p_patient_id bigint) FROM PUBLIC;

--
-- Name: FUNCTION partition_refuse_direct_write(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.partition_refuse_direct_write() FROM PUBLIC;

--
-- Name: FUNCTION primary_patient_ids(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.primary_patient_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.primary_patient_ids() TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.primary_patient_ids() TO carelog_director;
GRANT ALL ON FUNCTION carelog.primary_patient_ids() TO carelog_auditor;

--
-- Name: TABLE participant_note; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.participant_note TO carelog_therapist;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.participant_note TO carelog_director;
GRANT SELECT ON TABLE carelog.participant_note TO carelog_auditor;

--
-- Name: FUNCTION primary_patient_note_ids(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.primary_patient_note_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.primary_patient_note_ids() TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.primary_patient_note_ids() TO carelog_director;
GRANT ALL ON FUNCTION carelog.primary_patient_note_ids() TO carelog_auditor;

--
-- Name: FUNCTION refuse_change_signed_note(p_session_note_id bigint, p_what text); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.refuse_change_signed_note(p_session_note_id bigint, p_what text) FROM PUBLIC;

--
-- Name: FUNCTION restoring_notes(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.restoring_notes() FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.restoring_notes() TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.restoring_notes() TO carelog_director;
GRANT ALL ON FUNCTION carelog.restoring_notes() TO carelog_auditor;

--
-- Name: TABLE site; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.site TO carelog_director;
GRANT SELECT ON TABLE carelog.site TO carelog_auditor;
GRANT SELECT ON TABLE carelog.site TO carelog_therapist;

--
-- Name: FUNCTION self_help_meetings(patient_id bigint, discharged_on date); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.self_help_meetings(patient_id bigint, discharged_on date) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.self_help_meetings(patient_id bigint, discharged_on date) TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.self_help_meetings(patient_id bigint, discharged_on date) TO carelog_director;
GRANT ALL ON FUNCTION carelog.self_help_meetings(patient_id bigint, discharged_on date) TO carelog_auditor;

--
-- Name: FUNCTION session_label(p_session_id bigint); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.session_label(p_session_id bigint) FROM PUBLIC;

--
-- Name: TABLE plan_goal; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.plan_goal TO carelog_director;
GRANT SELECT ON TABLE carelog.plan_goal TO carelog_auditor;
GRANT SELECT,INSERT,UPDATE ON TABLE carelog.plan_goal TO carelog_therapist;

--
-- Name: TABLE treatment_plan; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.treatment_plan TO carelog_director;
GRANT SELECT ON TABLE carelog.treatment_plan TO carelog_auditor;
GRANT SELECT,INSERT,UPDATE ON TABLE carelog.treatment_plan TO carelog_therapist;

--
-- Name: FUNCTION session_open_goals(p_session_id bigint); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.session_open_goals(p_session_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.session_open_goals(p_session_id bigint) TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.session_open_goals(p_session_id bigint) TO carelog_director;
GRANT ALL ON FUNCTION carelog.session_open_goals(p_session_id bigint) TO carelog_auditor;

--
-- Name: TABLE credential; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.credential TO carelog_therapist;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.credential TO carelog_director;
GRANT SELECT ON TABLE carelog.credential TO carelog_auditor;

--
-- Name: FUNCTION signing_credential(p_staff_id bigint); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.signing_credential(p_staff_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.signing_credential(p_staff_id bigint) TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.signing_credential(p_staff_id bigint) TO carelog_director;
GRANT ALL ON FUNCTION carelog.signing_credential(p_staff_id bigint) TO carelog_auditor;

--
-- Name: TABLE disclosure_patient; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT ON TABLE carelog.disclosure_patient TO carelog_therapist;
GRANT SELECT,INSERT ON TABLE carelog.disclosure_patient TO carelog_director;
GRANT SELECT,INSERT ON TABLE carelog.disclosure_patient TO carelog_auditor;

--
-- Name: FUNCTION site_disclosure_ids(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.site_disclosure_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.site_disclosure_ids() TO carelog_director;

--
-- Name: FUNCTION site_note_ids(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.site_note_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.site_note_ids() TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.site_note_ids() TO carelog_director;
GRANT ALL ON FUNCTION carelog.site_note_ids() TO carelog_auditor;

--
-- Name: FUNCTION teds_self_help_code(meetings bigint); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.teds_self_help_code(meetings bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.teds_self_help_code(meetings bigint) TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.teds_self_help_code(meetings bigint) TO carelog_director;
GRANT ALL ON FUNCTION carelog.teds_self_help_code(meetings bigint) TO carelog_auditor;

--
-- Name: FUNCTION user_add(p_login text, p_staff_id text, p_role text, p_site_code text, p_password_verifier text); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.user_add(p_login text, p_staff_id text, p_role text, p_site_code text, p_password_verifier text) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.user_add(p_login text, p_staff_id text, p_role text, p_site_code text, p_password_verifier text) TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.user_add(p_login text, p_staff_id text, p_role text, p_site_code text, p_password_verifier text) TO carelog_director;
GRANT ALL ON FUNCTION carelog.user_add(p_login text, p_staff_id text, p_role text, p_site_code text, p_password_verifier text) TO carelog_auditor;

--
-- Name: FUNCTION user_admin_site(); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.user_admin_site() FROM PUBLIC;

--
-- Name: FUNCTION user_disable(p_login text); Type: ACL; Schema: carelog; Owner: -
--

REVOKE ALL ON FUNCTION carelog.user_disable(p_login text) FROM PUBLIC;
GRANT ALL ON FUNCTION carelog.user_disable(p_login text) TO carelog_therapist;
GRANT ALL ON FUNCTION carelog.user_disable(p_login text) TO carelog_director;
GRANT ALL ON FUNCTION carelog.user_disable(p_login text) TO carelog_auditor;

--
-- Name: TABLE assessment; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.assessment TO carelog_director;
GRANT SELECT ON TABLE carelog.assessment TO carelog_auditor;
GRANT SELECT ON TABLE carelog.assessment TO carelog_therapist;

--
-- Name: TABLE attendance_void; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.attendance_void TO carelog_therapist;
GRANT SELECT ON TABLE carelog.attendance_void TO carelog_director;
GRANT SELECT ON TABLE carelog.attendance_void TO carelog_auditor;

--
-- Name: TABLE audit_change; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.audit_change TO carelog_therapist;
GRANT SELECT ON TABLE carelog.audit_change TO carelog_director;
GRANT SELECT ON TABLE carelog.audit_change TO carelog_auditor;

--
-- Name: TABLE closed_period; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.closed_period TO carelog_therapist;
GRANT SELECT,INSERT ON TABLE carelog.closed_period TO carelog_director;
GRANT SELECT ON TABLE carelog.closed_period TO carelog_auditor;

--
-- Name: TABLE column_class; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.column_class TO carelog_therapist;
GRANT SELECT ON TABLE carelog.column_class TO carelog_director;
GRANT SELECT ON TABLE carelog.column_class TO carelog_auditor;

--
-- Name: TABLE consent; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.consent TO carelog_therapist;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.consent TO carelog_director;
GRANT SELECT ON TABLE carelog.consent TO carelog_auditor;

--
-- Name: TABLE disclosure; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT ON TABLE carelog.disclosure TO carelog_therapist;
GRANT SELECT,INSERT ON TABLE carelog.disclosure TO carelog_director;
GRANT SELECT,INSERT ON TABLE carelog.disclosure TO carelog_auditor;

--
-- Name: TABLE drug_screen; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.drug_screen TO carelog_director;
GRANT SELECT ON TABLE carelog.drug_screen TO carelog_auditor;
GRANT SELECT ON TABLE carelog.drug_screen TO carelog_therapist;

--
-- Name: TABLE episode; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.episode TO carelog_director;
GRANT SELECT ON TABLE carelog.episode TO carelog_auditor;
GRANT SELECT ON TABLE carelog.episode TO carelog_therapist;

--
-- Name: TABLE note_addendum; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT ON TABLE carelog.note_addendum TO carelog_therapist;
GRANT SELECT,INSERT ON TABLE carelog.note_addendum TO carelog_director;
GRANT SELECT ON TABLE carelog.note_addendum TO carelog_auditor;

--
-- Name: TABLE outcome_measure; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.outcome_measure TO carelog_therapist;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.outcome_measure TO carelog_director;
GRANT SELECT ON TABLE carelog.outcome_measure TO carelog_auditor;

--
-- Name: TABLE plan_requirement; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.plan_requirement TO carelog_director;
GRANT SELECT ON TABLE carelog.plan_requirement TO carelog_auditor;
GRANT SELECT,INSERT,UPDATE ON TABLE carelog.plan_requirement TO carelog_therapist;

--
-- Name: TABLE plan_review; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.plan_review TO carelog_director;
GRANT SELECT ON TABLE carelog.plan_review TO carelog_auditor;
GRANT SELECT,INSERT,UPDATE ON TABLE carelog.plan_review TO carelog_therapist;

--
-- Name: TABLE roll_closure; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT ON TABLE carelog.roll_closure TO carelog_therapist;
GRANT SELECT,INSERT ON TABLE carelog.roll_closure TO carelog_director;
GRANT SELECT ON TABLE carelog.roll_closure TO carelog_auditor;

--
-- Name: TABLE run_log; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT,INSERT ON TABLE carelog.run_log TO carelog_director;
GRANT SELECT,INSERT ON TABLE carelog.run_log TO carelog_auditor;
GRANT SELECT,INSERT ON TABLE carelog.run_log TO carelog_therapist;

--
-- Name: TABLE schema_migration; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.schema_migration TO carelog_therapist;
GRANT SELECT ON TABLE carelog.schema_migration TO carelog_director;
GRANT SELECT ON TABLE carelog.schema_migration TO carelog_auditor;

--
-- Name: TABLE service_code; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.service_code TO carelog_therapist;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE carelog.service_code TO carelog_director;
GRANT SELECT ON TABLE carelog.service_code TO carelog_auditor;

--
-- Name: TABLE teds_code; Type: ACL; Schema: carelog; Owner: -
--

GRANT SELECT ON TABLE carelog.teds_code TO carelog_therapist;
GRANT SELECT ON TABLE carelog.teds_code TO carelog_director;
GRANT SELECT ON TABLE carelog.teds_code TO carelog_auditor;

--
-- PostgreSQL database dump complete
--

