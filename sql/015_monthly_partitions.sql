-- =============================================================================
-- carelog — 015_monthly_partitions.sql: attendance and the audit trail's events
-- in monthly partitions (issue 15, SPEC §8)
-- =============================================================================
--
-- Layout
--
--   carelog.attendance    PARTITION BY RANGE (session_month)
--                         attendance_YYYY_MM: the attendance of the sessions of
--                         that month, the month being the SITE-LOCAL month of the
--                         session (the month every report means, SPEC §2): a
--                         session at 23:30 on 31 October in New York (03:30 UTC on
--                         1 November) is filed under October and read by
--                         October's report alone.
--   carelog.audit_event   PARTITION BY RANGE (created_at)
--                         audit_event_YYYY_MM: the events written in that UTC
--                         month (created_at is now() of the writing transaction,
--                         the same instant as its batch's created_at).
--   carelog.audit_batch   NOT partitioned: the spine of the chain, one small row
--                         per statement (about 1/20 of the trail). It keeps
--                         UNIQUE (previous_hash), which a partitioned table could
--                         only have together with the partition key, and every
--                         link of the chain stays checkable after a month of
--                         events is detached and archived.
--
--   A partition is a plain table attached to its parent: created with
--   LIKE parent, then ATTACHed (SHARE UPDATE EXCLUSIVE on the parent, so that
--   creating next month's partition never blocks a report or a writer).
--   Indexes and row triggers follow from the parent. Statement triggers do
--   not: a write that names a partition would escape the rule checks and the
--   audit of the parent, so every partition refuses INSERT, UPDATE, DELETE and
--   TRUNCATE that name it (carelog.partition_refuse_direct_write, ENABLE
--   ALWAYS), has row-level security enabled and forced with no policy, and no
--   grant: carelog's roles read and write through the parent only, where the
--   policies of 008 apply.
--
-- session_month
--
--   The partition key must be a column of attendance. The writer supplies it:
--   PostgreSQL routes a row to its partition before any trigger runs, so no
--   trigger can fill it in. carelog's writers (imports, attendance record,
--   seed) compute it as carelog.local_month(starts_at, timezone) of the row's
--   session, or carelog.session_month(session_id). The database keeps it right:
--     * a statement trigger refuses a row whose session_month is not its
--       session's local month (23514, constraint attendance_session_month);
--     * re-timing a session into another month, moving a group to another
--       site or changing a site's time zone MOVES the affected attendance to
--       its new month (an UPDATE of session_month, audited like any update);
--     * a row for a month that has no partition yet is refused by PostgreSQL
--       itself: 'no partition of relation "attendance" found for row', DETAIL
--       naming the session_month. carelog's writers create the partitions of
--       the months they write first (carelog.ensure_attendance_partitions);
--       every audited write creates the audit trail's partition of the current
--       month if it is missing (audit_lock).
--   The primary key becomes (id, session_month) and the one-record-per-patient-
--   and-session constraint (session_id, patient_id, session_month): keys of a
--   partitioned table must include the partition key. session_month is a
--   function of session_id, so both say what they said before. Nothing refers
--   to attendance.id by foreign key (the audit trail's record_id is a plain
--   number and stays unique: the identity sequence is kept).
--
-- The audit chain
--
--   Unchanged: the same rows with the same ids, hashed in the same order by the
--   same functions. audit_event gains created_at (the partition key, not part
--   of any hash). carelog.audit_verify() checks every link of the chain; a
--   batch whose month of events is not attached (detached, archived) cannot be
--   recomputed and is not reported as broken: carelog.audit_unchecked() lists
--   those months with their batch ranges and row counts.
--
-- Ahead of time
--
--   This migration creates the partitions of every month that has data, and of
--   the current month and the 12 after it. carelog.ensure_partitions(through)
--   creates the missing ones up to a month (`carelog db partitions --ahead N`).
--
-- Applied by a superuser (008); the migrator hands the new objects to the owner.
-- The existing rows are copied into the partitioned tables with their ids and
-- values, before any trigger exists on them: the copy is not a change of any
-- record and writes nothing to the trail.
-- =============================================================================

-- Deparsed definitions below must name their tables with the schema.
CREATE TEMPORARY TABLE partitioning_015_search_path ON COMMIT DROP AS
SELECT current_setting('search_path') AS saved;
SELECT pg_catalog.set_config('search_path', 'pg_catalog', true);


-- -----------------------------------------------------------------------------
-- Months
-- -----------------------------------------------------------------------------

-- The first day of the site-local month of an instant. Inlined by the planner.
CREATE FUNCTION carelog.local_month(instant timestamptz, tz text)
RETURNS date
LANGUAGE sql
IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.date_trunc('month', instant AT TIME ZONE tz)::date;

COMMENT ON FUNCTION carelog.local_month(timestamptz, text) IS
    'First day of the local calendar month of an instant in the given IANA time zone: the session_month of a session''s attendance.';

-- The session_month of a session's attendance: its site-local month. NULL for
-- an unknown session (or one the caller may not see).
CREATE FUNCTION carelog.session_month(p_session_id bigint)
RETURNS date
LANGUAGE sql
STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT carelog.local_month(s.starts_at, st.timezone)
      FROM carelog.group_session AS s
      JOIN carelog.care_group AS g ON g.id = s.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE s.id = p_session_id;
END;

COMMENT ON FUNCTION carelog.session_month(bigint) IS
    'First day of the site-local month of a session: the value of attendance.session_month for its attendance.';


-- -----------------------------------------------------------------------------
-- Partitions
-- -----------------------------------------------------------------------------

-- Statement trigger on every partition: writes go through the parent, whose
-- statement triggers check the rules and write the audit trail.
CREATE FUNCTION carelog.partition_refuse_direct_write()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
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

COMMENT ON FUNCTION carelog.partition_refuse_direct_write() IS
    'Statement trigger on every monthly partition: refuses INSERT, UPDATE, DELETE and TRUNCATE naming the partition (42501); writes go through the parent table.';

REVOKE ALL ON FUNCTION carelog.partition_refuse_direct_write() FROM PUBLIC;


-- Create and attach the partition of one month of attendance or audit_event,
-- unless it exists. Returns its name when created, NULL otherwise. A concurrent
-- transaction creating the same partition makes this one wait, then skip it.
CREATE FUNCTION carelog.attach_month_partition(p_table text, p_month date)
RETURNS text
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
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

COMMENT ON FUNCTION carelog.attach_month_partition(text, date) IS
    'Creates the partition of one month of attendance (site-local month of the session) or audit_event (UTC month of the write), unless it exists; returns its name when it created it.';

REVOKE ALL ON FUNCTION carelog.attach_month_partition(text, date) FROM PUBLIC;


-- The partitions of the months of attendance about to be written. Called by
-- carelog's writers (imports, attendance record, seed) with the distinct months
-- they write; returns the names of the partitions it created.
CREATE FUNCTION carelog.ensure_attendance_partitions(p_months date[])
RETURNS SETOF text
LANGUAGE sql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT n.name
      FROM (SELECT DISTINCT date_trunc('month', m.month)::date AS month
              FROM unnest(p_months) AS m(month)
             WHERE m.month IS NOT NULL) AS d
     CROSS JOIN LATERAL carelog.attach_month_partition('attendance', d.month) AS n(name)
     WHERE n.name IS NOT NULL
     ORDER BY d.month;
END;

COMMENT ON FUNCTION carelog.ensure_attendance_partitions(date[]) IS
    'Creates the attendance partitions of the given months that are missing; returns the names of those it created. Writers call it with the months they write.';


-- Every partition from the current month (UTC; attendance: also the month
-- before, for sites west of UTC) through the month of p_through, for both
-- tables. Returns the names of the partitions it created.
CREATE FUNCTION carelog.ensure_partitions(p_through date)
RETURNS SETOF text
LANGUAGE sql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT n.name
      FROM (VALUES ('attendance'), ('audit_event')) AS t(table_name)
     CROSS JOIN LATERAL generate_series(
               date_trunc('month', now() AT TIME ZONE 'UTC')
                   - CASE t.table_name WHEN 'attendance' THEN interval '1 month' ELSE interval '0' END,
               date_trunc('month', p_through::timestamp),
               interval '1 month') AS m(month)
     CROSS JOIN LATERAL carelog.attach_month_partition(t.table_name, m.month::date) AS n(name)
     WHERE n.name IS NOT NULL
     ORDER BY m.month, t.table_name;
END;

COMMENT ON FUNCTION carelog.ensure_partitions(date) IS
    'Creates the missing monthly partitions of attendance and audit_event from the current month through the month of the argument; returns the names of those it created.';


-- The audit trail's partition of the current month, for a write about to be
-- audited. One catalog lookup when it exists.
CREATE FUNCTION carelog.ensure_audit_partition()
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    IF to_regclass('carelog.audit_event_' || to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM')) IS NULL THEN
        PERFORM carelog.attach_month_partition('audit_event', (now() AT TIME ZONE 'UTC')::date);
    END IF;
END;
$$;

COMMENT ON FUNCTION carelog.ensure_audit_partition() IS
    'Creates the audit_event partition of the current (UTC) month if it is missing. Called by audit_lock before every audited statement.';


-- Every monthly partition, for `carelog db partitions`: the table, the month,
-- the partition's name, its bounds, its estimated rows and its size.
CREATE FUNCTION carelog.month_partitions()
RETURNS TABLE (table_name text, month date, partition_name text, bounds text,
               estimated_rows bigint, total_bytes bigint)
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT parent.relname::text, to_date(substring(child.relname FROM '(\d{4}_\d{2})$'), 'YYYY_MM'),
           child.relname::text, pg_get_expr(child.relpartbound, child.oid),
           greatest(child.reltuples, 0)::bigint, pg_total_relation_size(child.oid)
      FROM pg_inherits AS i
      JOIN pg_class AS parent ON parent.oid = i.inhparent
      JOIN pg_class AS child ON child.oid = i.inhrelid
     WHERE parent.oid IN ('carelog.attendance'::regclass, 'carelog.audit_event'::regclass)
     ORDER BY parent.relname, child.relname;
END;


-- -----------------------------------------------------------------------------
-- Rebuilding a table as a partitioned one
-- -----------------------------------------------------------------------------
-- Before the old table is renamed, everything that must be made again is
-- captured as SQL text (deparsed with search_path = pg_catalog, so every name is
-- schema-qualified): its triggers and their enabled state, its policies, grants
-- and comments; and what refers to it from elsewhere: SQL-bodied functions,
-- views, and policies of other tables, which are then replaced in place
-- (CREATE OR REPLACE, ALTER POLICY) so that they refer to the new table and
-- the old one can be dropped.

CREATE TEMPORARY TABLE partitioning_015_step (
    table_name text NOT NULL,
    phase      integer NOT NULL,   -- 1: what refers to it, 2: its own objects
    position   integer GENERATED ALWAYS AS IDENTITY,
    statement  text NOT NULL
) ON COMMIT DROP;

CREATE FUNCTION pg_temp.capture_015(p_table text)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    v_oid oid := format('carelog.%I', p_table)::regclass;
BEGIN
    -- SQL-bodied functions and views that read the table.
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 1, pg_get_functiondef(d.objid)
      FROM (SELECT DISTINCT objid FROM pg_depend
             WHERE classid = 'pg_proc'::regclass AND refclassid = 'pg_class'::regclass
               AND refobjid = v_oid AND deptype = 'n') AS d;
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 1, format('CREATE OR REPLACE VIEW %s%s AS %s', v.oid::regclass,
                              CASE WHEN v.reloptions IS NULL THEN ''
                                   ELSE format(' WITH (%s)', array_to_string(v.reloptions, ', ')) END,
                              pg_get_viewdef(v.oid))
      FROM pg_class AS v
     WHERE v.oid IN (SELECT r.ev_class FROM pg_depend AS d JOIN pg_rewrite AS r ON r.oid = d.objid
                      WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = v_oid
                        AND r.ev_class <> v_oid);
    -- Policies of other tables that read it.
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 1,
           format('ALTER POLICY %I ON %s', pol.polname, pol.polrelid::regclass)
           || coalesce(' USING (' || pg_get_expr(pol.polqual, pol.polrelid) || ')', '')
           || coalesce(' WITH CHECK (' || pg_get_expr(pol.polwithcheck, pol.polrelid) || ')', '')
      FROM pg_policy AS pol
     WHERE pol.polrelid <> v_oid
       AND pol.oid IN (SELECT objid FROM pg_depend
                        WHERE classid = 'pg_policy'::regclass AND refobjid = v_oid);

    -- Its triggers (not the internal ones) and their enabled state.
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 2, pg_get_triggerdef(t.oid)
      FROM pg_trigger AS t
     WHERE t.tgrelid = v_oid AND NOT t.tgisinternal
     ORDER BY t.tgname;
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 2, format('ALTER TABLE carelog.%I %s TRIGGER %I', p_table,
                              CASE t.tgenabled WHEN 'A' THEN 'ENABLE ALWAYS' WHEN 'R' THEN 'ENABLE REPLICA'
                                               ELSE 'DISABLE' END, t.tgname)
      FROM pg_trigger AS t
     WHERE t.tgrelid = v_oid AND NOT t.tgisinternal AND t.tgenabled <> 'O';
    -- Its row-level security and policies.
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 2, format('ALTER TABLE carelog.%I %s ROW LEVEL SECURITY, %s ROW LEVEL SECURITY', p_table,
                              CASE WHEN c.relrowsecurity THEN 'ENABLE' ELSE 'DISABLE' END,
                              CASE WHEN c.relforcerowsecurity THEN 'FORCE' ELSE 'NO FORCE' END)
      FROM pg_class AS c WHERE c.oid = v_oid;
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 2,
           format('CREATE POLICY %I ON carelog.%I AS %s FOR %s TO %s', pol.polname, p_table,
                  CASE WHEN pol.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END,
                  CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                                  WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
                  (SELECT string_agg(CASE WHEN r.role = 0 THEN 'PUBLIC' ELSE quote_ident(r.role::regrole::text) END, ', ')
                     FROM unnest(pol.polroles) AS r(role)))
           || coalesce(' USING (' || pg_get_expr(pol.polqual, pol.polrelid) || ')', '')
           || coalesce(' WITH CHECK (' || pg_get_expr(pol.polwithcheck, pol.polrelid) || ')', '')
      FROM pg_policy AS pol
     WHERE pol.polrelid = v_oid
     ORDER BY pol.polname;
    -- Its grants (the owner's own are implied).
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 2, format('GRANT %s ON carelog.%I TO %s', a.privilege_type, p_table,
                              CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(a.grantee::regrole::text) END)
      FROM pg_class AS c
     CROSS JOIN LATERAL aclexplode(c.relacl) AS a
     WHERE c.oid = v_oid AND a.grantee <> c.relowner;
    -- Its comments.
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 2, format('COMMENT ON TABLE carelog.%I IS %L', p_table, obj_description(v_oid, 'pg_class'))
     WHERE obj_description(v_oid, 'pg_class') IS NOT NULL;
    INSERT INTO partitioning_015_step (table_name, phase, statement)
    SELECT p_table, 2, format('COMMENT ON COLUMN carelog.%I.%I IS %L', p_table, a.attname,
                              col_description(v_oid, a.attnum))
      FROM pg_attribute AS a
     WHERE a.attrelid = v_oid AND a.attnum > 0 AND NOT a.attisdropped
       AND col_description(v_oid, a.attnum) IS NOT NULL;
END;
$$;

CREATE FUNCTION pg_temp.replay_015(p_table text, p_phase integer)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    s text;
BEGIN
    FOR s IN SELECT statement FROM partitioning_015_step
              WHERE table_name = p_table AND phase = p_phase ORDER BY position
    LOOP
        EXECUTE s;
    END LOOP;
END;
$$;

SELECT pg_temp.capture_015('attendance');
SELECT pg_temp.capture_015('audit_event');


-- -----------------------------------------------------------------------------
-- attendance
-- -----------------------------------------------------------------------------

ALTER TABLE carelog.attendance RENAME TO attendance_before_015;
ALTER SEQUENCE carelog.attendance_id_seq RENAME TO attendance_before_015_id_seq;
ALTER TABLE carelog.attendance_before_015 RENAME CONSTRAINT attendance_pkey TO attendance_before_015_pkey;
ALTER TABLE carelog.attendance_before_015
    RENAME CONSTRAINT attendance_one_per_patient_session TO attendance_before_015_one_per_patient_session;
ALTER INDEX carelog.attendance_patient_id_session_id_idx RENAME TO attendance_before_015_patient_id_session_id_idx;
ALTER INDEX carelog.attendance_recorded_by_id_idx RENAME TO attendance_before_015_recorded_by_id_idx;

CREATE TABLE carelog.attendance (
    id                bigint GENERATED ALWAYS AS IDENTITY,
    session_id        bigint NOT NULL,
    patient_id        bigint NOT NULL,
    status            text NOT NULL,
    minutes_attended  integer,
    recorded_by_id    bigint NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    session_month     date NOT NULL,
    CONSTRAINT attendance_status_check
        CHECK (status IN ('present', 'late', 'left_early', 'absent', 'excused')),
    CONSTRAINT attendance_minutes_attended_check CHECK (minutes_attended >= 0),
    CONSTRAINT attendance_session_month_check
        CHECK (session_month = date_trunc('month', session_month)::date)
) PARTITION BY RANGE (session_month);

ALTER TABLE carelog.attendance
    ADD CONSTRAINT attendance_pkey PRIMARY KEY (id, session_month),
    ADD CONSTRAINT attendance_one_per_patient_session UNIQUE (session_id, patient_id, session_month);
CREATE INDEX attendance_patient_id_session_id_idx ON carelog.attendance (patient_id, session_id);
CREATE INDEX attendance_recorded_by_id_idx ON carelog.attendance (recorded_by_id);

SELECT carelog.ensure_attendance_partitions(array_agg(DISTINCT carelog.local_month(s.starts_at, st.timezone)))
  FROM carelog.attendance_before_015 AS a
  JOIN carelog.group_session AS s ON s.id = a.session_id
  JOIN carelog.care_group AS g ON g.id = s.group_id
  JOIN carelog.site AS st ON st.id = g.site_id;

INSERT INTO carelog.attendance
       (id, session_id, patient_id, status, minutes_attended, recorded_by_id, recorded_at, session_month)
OVERRIDING SYSTEM VALUE
SELECT a.id, a.session_id, a.patient_id, a.status, a.minutes_attended, a.recorded_by_id, a.recorded_at,
       carelog.local_month(s.starts_at, st.timezone)
  FROM carelog.attendance_before_015 AS a
  JOIN carelog.group_session AS s ON s.id = a.session_id
  JOIN carelog.care_group AS g ON g.id = s.group_id
  JOIN carelog.site AS st ON st.id = g.site_id;

DO $$
DECLARE
    v_before bigint;
    v_after  bigint;
BEGIN
    SELECT count(*) INTO v_before FROM carelog.attendance_before_015;
    SELECT count(*) INTO v_after FROM carelog.attendance;
    IF v_before <> v_after THEN
        RAISE EXCEPTION 'attendance: % rows before partitioning, % after (a row without its session?)',
                        v_before, v_after;
    END IF;
    PERFORM setval('carelog.attendance_id_seq', last_value, is_called)
       FROM carelog.attendance_before_015_id_seq;
END;
$$;

SELECT pg_temp.replay_015('attendance', 1);
DROP TABLE carelog.attendance_before_015;
SELECT pg_temp.replay_015('attendance', 2);

COMMENT ON COLUMN carelog.attendance.session_month IS
    'First day of the site-local month of the session (carelog.session_month(session_id)): the partition key. Given by the writer, checked by the database (attendance_session_month), moved with its session.';


-- -----------------------------------------------------------------------------
-- audit_event
-- -----------------------------------------------------------------------------

ALTER TABLE carelog.audit_event RENAME TO audit_event_before_015;
ALTER SEQUENCE carelog.audit_event_id_seq RENAME TO audit_event_before_015_id_seq;
ALTER TABLE carelog.audit_event_before_015 RENAME CONSTRAINT audit_event_pkey TO audit_event_before_015_pkey;
ALTER INDEX carelog.audit_event_batch_id_idx RENAME TO audit_event_before_015_batch_id_idx;
ALTER INDEX carelog.audit_event_table_name_record_id_idx RENAME TO audit_event_before_015_table_name_record_id_idx;

CREATE TABLE carelog.audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    batch_id    bigint NOT NULL,
    table_name  text NOT NULL,
    operation   text NOT NULL,
    record_id   bigint,
    old_values  jsonb,
    new_values  jsonb,
    patient_id  bigint,
    old_rows    json,
    new_rows    json,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_event_operation_check
        CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
    CONSTRAINT audit_event_values_check CHECK (
        CASE WHEN record_id IS NOT NULL THEN
            old_rows IS NULL AND new_rows IS NULL AND
            CASE operation
                WHEN 'INSERT' THEN old_values IS NULL AND new_values IS NOT NULL
                WHEN 'UPDATE' THEN old_values IS NOT NULL AND new_values IS NOT NULL
                ELSE               old_values IS NOT NULL AND new_values IS NULL
            END
        ELSE
            old_values IS NULL AND new_values IS NULL AND
            CASE operation
                WHEN 'INSERT' THEN old_rows IS NULL AND new_rows IS NOT NULL
                WHEN 'UPDATE' THEN old_rows IS NOT NULL AND new_rows IS NOT NULL
                ELSE               old_rows IS NOT NULL AND new_rows IS NULL
            END
        END)
) PARTITION BY RANGE (created_at);

DO $$
BEGIN
    ALTER TABLE carelog.audit_event
        ALTER COLUMN old_rows SET COMPRESSION lz4,
        ALTER COLUMN new_rows SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    NULL;
END;
$$;

-- An event's created_at is its batch's (both are now() of the writing
-- transaction). An event whose batch is missing (which audit_verify reports)
-- keeps that fault: it is filed under the current month.
SELECT carelog.attach_month_partition('audit_event', m.month)
  FROM (SELECT DISTINCT date_trunc('month', coalesce(b.created_at, now()) AT TIME ZONE 'UTC')::date AS month
          FROM carelog.audit_event_before_015 AS e
          LEFT JOIN carelog.audit_batch AS b ON b.id = e.batch_id) AS m;

INSERT INTO carelog.audit_event
       (id, batch_id, table_name, operation, record_id, old_values, new_values,
        patient_id, old_rows, new_rows, created_at)
OVERRIDING SYSTEM VALUE
SELECT e.id, e.batch_id, e.table_name, e.operation, e.record_id, e.old_values, e.new_values,
       e.patient_id, e.old_rows, e.new_rows, coalesce(b.created_at, now())
  FROM carelog.audit_event_before_015 AS e
  LEFT JOIN carelog.audit_batch AS b ON b.id = e.batch_id;

DO $$
DECLARE
    v_before bigint;
    v_after  bigint;
BEGIN
    SELECT count(*) INTO v_before FROM carelog.audit_event_before_015;
    SELECT count(*) INTO v_after FROM carelog.audit_event;
    IF v_before <> v_after THEN
        RAISE EXCEPTION 'audit_event: % rows before partitioning, % after', v_before, v_after;
    END IF;
    PERFORM setval('carelog.audit_event_id_seq', last_value, is_called)
       FROM carelog.audit_event_before_015_id_seq;
END;
$$;

ALTER TABLE carelog.audit_event ADD CONSTRAINT audit_event_pkey PRIMARY KEY (id, created_at);
CREATE INDEX audit_event_batch_id_idx ON carelog.audit_event (batch_id);
CREATE INDEX audit_event_table_name_record_id_idx ON carelog.audit_event (table_name, record_id);

SELECT pg_temp.replay_015('audit_event', 1);
DROP TABLE carelog.audit_event_before_015;
SELECT pg_temp.replay_015('audit_event', 2);

COMMENT ON COLUMN carelog.audit_event.created_at IS
    'now() of the writing transaction, as its batch''s created_at: the partition key (UTC month). Not part of any hash.';

-- The partitions of the current month and the 12 after it.
SELECT carelog.ensure_partitions((now() + interval '12 months')::date);


-- -----------------------------------------------------------------------------
-- session_month kept right
-- -----------------------------------------------------------------------------

-- Statement trigger on attendance (INSERT, UPDATE): every row's session_month
-- is its session's site-local month. The distinct (session, month) pairs are few
-- (a million-row import names a few thousand sessions).
CREATE FUNCTION carelog.attendance_check_month()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
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

COMMENT ON FUNCTION carelog.attendance_check_month() IS
    'Statement trigger on attendance: refuses a row whose session_month is not the site-local month of its session (23514, constraint attendance_session_month).';

REVOKE ALL ON FUNCTION carelog.attendance_check_month() FROM PUBLIC;

CREATE TRIGGER attendance_check_session_month_insert
    AFTER INSERT ON carelog.attendance
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION carelog.attendance_check_month();

CREATE TRIGGER attendance_check_session_month_update
    AFTER UPDATE ON carelog.attendance
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION carelog.attendance_check_month();


-- Row trigger on group_session (starts_at, group_id), care_group (site_id) and
-- site (timezone): the attendance of the sessions whose local month changed
-- moves to its new month (partition), created if missing.
CREATE FUNCTION carelog.attendance_refile()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
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

COMMENT ON FUNCTION carelog.attendance_refile() IS
    'Row trigger on group_session, care_group and site: moves the attendance of sessions whose site-local month changed to that month.';

REVOKE ALL ON FUNCTION carelog.attendance_refile() FROM PUBLIC;

CREATE TRIGGER group_session_attendance_refile
    AFTER UPDATE OF starts_at, group_id ON carelog.group_session
    FOR EACH ROW
    WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.group_id IS DISTINCT FROM NEW.group_id)
    EXECUTE FUNCTION carelog.attendance_refile();
CREATE TRIGGER care_group_attendance_refile
    AFTER UPDATE OF site_id ON carelog.care_group
    FOR EACH ROW
    WHEN (OLD.site_id IS DISTINCT FROM NEW.site_id)
    EXECUTE FUNCTION carelog.attendance_refile();
CREATE TRIGGER site_attendance_refile
    AFTER UPDATE OF timezone ON carelog.site
    FOR EACH ROW
    WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
    EXECUTE FUNCTION carelog.attendance_refile();


-- -----------------------------------------------------------------------------
-- The audit trail's current month, and what verify cannot check
-- -----------------------------------------------------------------------------

-- As 002's, and first the partition of this month's events.
CREATE OR REPLACE FUNCTION carelog.audit_lock()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(27973166650126183);
    PERFORM carelog.ensure_audit_partition();
    RETURN NULL;
END;
$$;

GRANT EXECUTE ON FUNCTION carelog.ensure_audit_partition() TO PUBLIC;


-- The months of audit_event whose partition is attached, as one multirange.
CREATE FUNCTION carelog.audit_attached_months()
RETURNS tstzmultirange
LANGUAGE sql
STABLE
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT coalesce(range_agg(tstzrange(b.bounds[1]::timestamptz, b.bounds[2]::timestamptz)),
                    '{}'::tstzmultirange)
      FROM pg_inherits AS i
      JOIN pg_class AS c ON c.oid = i.inhrelid
     CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid),
                                     'FROM \(''([^'']*)''\) TO \(''([^'']*)''\)') AS b(bounds)
     WHERE i.inhparent = 'carelog.audit_event'::regclass;
END;

COMMENT ON FUNCTION carelog.audit_attached_months() IS
    'The instants covered by the attached partitions of audit_event, as one multirange. A batch written outside it has its events detached (or archived).';


-- As 012's, and a batch whose month of events is not attached is not
-- recomputed (row count, events, hash) — it cannot be — while its link to the
-- batch before it is still checked. carelog.audit_unchecked() says which.
CREATE OR REPLACE FUNCTION carelog.audit_verify()
RETURNS TABLE (batches_checked bigint, events_checked bigint,
               first_broken_batch bigint, problem text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
SET work_mem = '64MB'
BEGIN ATOMIC
    WITH attached AS (
        SELECT carelog.audit_attached_months() AS months
    ), ev AS (
        SELECT d.batch_id,
               count(*) AS events,
               sum(d.rows) AS rows,
               bool_or(d.wrong_patient) AS wrong_patient,
               sha256(string_agg(d.digest, ''::bytea ORDER BY d.id)) AS digest,
               min(d.table_name) AS min_table, max(d.table_name) AS max_table,
               min(d.operation)  AS min_op,    max(d.operation)  AS max_op
          FROM (SELECT e.batch_id, e.id, e.table_name, e.operation,
                       CASE WHEN e.record_id IS NOT NULL
                            THEN carelog.audit_event_digest(e.id, e.record_id, e.old_values, e.new_values)
                            ELSE carelog.audit_rows_digest(e.id, e.old_rows, e.new_rows) END AS digest,
                       CASE WHEN e.record_id IS NOT NULL THEN 1
                            ELSE k.rows END AS rows,
                       coalesce(k.wrong_patient, false) AS wrong_patient
                  FROM carelog.audit_event AS e
                  LEFT JOIN LATERAL (
                       SELECT count(*) AS rows,
                              bool_or(carelog.audit_event_patient_id(e.table_name, (r.value ->> 'id')::bigint,
                                                                     r.value::jsonb, NULL)
                                      IS DISTINCT FROM e.patient_id) AS wrong_patient
                         FROM json_array_elements(coalesce(e.new_rows, e.old_rows)) AS r
                  ) AS k ON e.record_id IS NULL) AS d
         GROUP BY d.batch_id
    ), chain AS (
        SELECT b.id, b.row_count, b.previous_hash, b.hash,
               lag(b.id)   OVER (ORDER BY b.id) AS prior_id,
               lag(b.hash) OVER (ORDER BY b.id) AS prior_hash,
               b.created_at <@ (SELECT a.months FROM attached AS a) AS attached,
               coalesce(ev.rows, 0) AS events,
               coalesce(ev.wrong_patient, false) AS wrong_patient,
               ev.events IS NOT NULL
                   AND (ev.min_table IS DISTINCT FROM b.table_name
                        OR ev.max_table IS DISTINCT FROM b.table_name
                        OR ev.min_op IS DISTINCT FROM b.operation
                        OR ev.max_op IS DISTINCT FROM b.operation) AS events_mismatch,
               carelog.audit_batch_hash(b.id, b.created_at, b.transaction_id, b.db_user,
                                        b.acting_staff, b.table_name, b.operation, b.row_count,
                                        b.previous_hash, coalesce(ev.digest, sha256(''::bytea)))
                   AS recomputed
          FROM carelog.audit_batch AS b
          LEFT JOIN ev ON ev.batch_id = b.id
    ), problems AS (
        SELECT c.id AS batch_id,
               CASE
                   WHEN c.prior_id IS NULL
                        AND c.previous_hash IS DISTINCT FROM carelog.audit_genesis_hash()
                       THEN 'previous_hash of the first batch is not the genesis value (batches before it are missing)'
                   WHEN c.prior_id IS NOT NULL
                        AND c.previous_hash IS DISTINCT FROM c.prior_hash
                       THEN format('previous_hash does not match batch %s', c.prior_id)
                   WHEN NOT c.attached
                       THEN NULL   -- its events are not attached: see carelog.audit_unchecked()
                   WHEN c.row_count IS DISTINCT FROM c.events
                       THEN format('row_count does not match its events (row_count %s, %s events found)',
                                   c.row_count, c.events)
                   WHEN c.events_mismatch
                       THEN 'table_name or operation of its events does not match the batch'
                   WHEN c.wrong_patient
                       THEN 'an event of many rows holds a row of another patient'
                   WHEN c.hash IS DISTINCT FROM c.recomputed
                       THEN 'hash does not match its contents'
               END AS problem
          FROM chain AS c
        UNION ALL
        SELECT ev.batch_id,
               format('%s audit events belong to batch %s, which does not exist',
                      ev.events, ev.batch_id)
          FROM ev
         WHERE NOT EXISTS (SELECT 1 FROM carelog.audit_batch AS b WHERE b.id = ev.batch_id)
    )
    SELECT (SELECT count(*) FROM carelog.audit_batch),
           (SELECT coalesce(sum(ev.events), 0)::bigint FROM ev),
           f.batch_id,
           f.problem
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (SELECT p.batch_id, p.problem
                           FROM problems AS p
                          WHERE p.problem IS NOT NULL
                          ORDER BY p.batch_id
                          LIMIT 1) AS f ON true;
END;

COMMENT ON FUNCTION carelog.audit_verify() IS
    'Recomputes the audit hash chain, events of many rows included. One row: batches_checked, events_checked, and the first broken batch with what is wrong (NULL, NULL when the chain is intact). Batches whose month of events is not attached are linked but not recomputed: see carelog.audit_unchecked().';


-- What audit_verify could not recompute: per (UTC) month whose events are not
-- attached, the batches written in it and the rows they recorded.
CREATE FUNCTION carelog.audit_unchecked()
RETURNS TABLE (month text, first_batch bigint, last_batch bigint, batches bigint, rows bigint)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM'), min(b.id), max(b.id), count(*),
           sum(b.row_count)::bigint
      FROM carelog.audit_batch AS b
     WHERE NOT (b.created_at <@ carelog.audit_attached_months())
     GROUP BY 1
     ORDER BY 1;
END;

COMMENT ON FUNCTION carelog.audit_unchecked() IS
    'Months (UTC) of the audit trail whose events are not attached (detached or archived): the batches written in each and their rows. audit_verify checks their links, not their contents.';

REVOKE EXECUTE ON FUNCTION carelog.audit_unchecked() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.audit_unchecked() TO carelog_director, carelog_auditor;


-- -----------------------------------------------------------------------------
-- Handing over to the owner
-- -----------------------------------------------------------------------------
-- As 008's, but a partitioned table (which depends internally on its own key
-- columns) and its partitions (which depend on the parent) are handed over too:
-- only sequences follow their table, and extensions keep their objects.
CREATE OR REPLACE FUNCTION carelog.hand_to_owner()
RETURNS void
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
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

REVOKE EXECUTE ON FUNCTION carelog.hand_to_owner() FROM PUBLIC;


-- -----------------------------------------------------------------------------
-- Who may run what
-- -----------------------------------------------------------------------------

-- Writers create the partitions of the months they write; a partition is an
-- empty table of carelog's own shape, and the months are bounded.
REVOKE EXECUTE ON FUNCTION carelog.ensure_attendance_partitions(date[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.ensure_attendance_partitions(date[]) TO carelog_therapist, carelog_director;
REVOKE EXECUTE ON FUNCTION carelog.ensure_partitions(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.ensure_partitions(date) TO carelog_director;
REVOKE EXECUTE ON FUNCTION carelog.month_partitions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.month_partitions() TO carelog_director, carelog_auditor;

SELECT pg_catalog.set_config('search_path', saved, true) FROM partitioning_015_search_path;
