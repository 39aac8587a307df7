-- =============================================================================
-- carelog — 006_attendance_reference_checks.sql: attendance's references,
-- checked a statement at a time
-- =============================================================================
--
-- Attendance is the one big table: an import writes a million rows at once. Its
-- three foreign keys were checked by PostgreSQL row by row (one lookup and one
-- FOR KEY SHARE lock per row and key), about 20 s per million rows, a third of
-- an import. The same guarantees are kept here set-based:
--
--   * after each INSERT or UPDATE statement on attendance, one anti-join per
--     reference over the transition table refuses any row whose session,
--     patient or recording staff member does not exist — SQLSTATE 23503 with
--     the foreign key's former name, so callers see no difference;
--   * the referenced rows are locked FOR KEY SHARE once per distinct id (the
--     sessions and patients are already locked by the attendance rule checks of
--     001; the staff here), so no concurrent transaction can delete them before
--     this one commits;
--   * deleting or truncating a session, patient or staff member that attendance
--     still refers to is refused, as the foreign key refused it.
--
-- Ids are identity columns GENERATED ALWAYS, so they cannot be updated: a
-- delete or truncate is the only way a referenced row can go away.
-- =============================================================================

ALTER TABLE carelog.attendance
    DROP CONSTRAINT attendance_session_id_fkey,
    DROP CONSTRAINT attendance_patient_id_fkey,
    DROP CONSTRAINT attendance_recorded_by_id_fkey;

CREATE FUNCTION carelog.attendance_check_references()
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

    SELECT 'attendance_session_id_fkey' AS constraint_name, 'session_id' AS column_name, n.session_id AS id
      INTO missing
      FROM new_rows AS n
     WHERE NOT EXISTS (SELECT 1 FROM carelog.group_session AS s WHERE s.id = n.session_id)
     LIMIT 1;
    IF NOT FOUND THEN
        SELECT 'attendance_patient_id_fkey' AS constraint_name, 'patient_id' AS column_name, n.patient_id AS id
          INTO missing
          FROM new_rows AS n
         WHERE NOT EXISTS (SELECT 1 FROM carelog.patient AS p WHERE p.id = n.patient_id)
         LIMIT 1;
    END IF;
    IF NOT FOUND THEN
        SELECT 'attendance_recorded_by_id_fkey' AS constraint_name, 'recorded_by_id' AS column_name, n.recorded_by_id AS id
          INTO missing
          FROM new_rows AS n
         WHERE NOT EXISTS (SELECT 1 FROM carelog.staff AS st WHERE st.id = n.recorded_by_id)
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

REVOKE ALL ON FUNCTION carelog.attendance_check_references() FROM PUBLIC;

-- Named to fire before attendance_check_rules_* (triggers fire in name order):
-- a row must exist before the rules about it are checked.
CREATE TRIGGER attendance_check_references_insert
    AFTER INSERT ON carelog.attendance
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_references();

CREATE TRIGGER attendance_check_references_update
    AFTER UPDATE ON carelog.attendance
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_check_references();

-- Deleting what attendance refers to is refused, as the foreign keys refused it.
CREATE FUNCTION carelog.attendance_referenced_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
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
$$;

REVOKE ALL ON FUNCTION carelog.attendance_referenced_guard() FROM PUBLIC;

CREATE TRIGGER attendance_reference_guard_delete
    BEFORE DELETE ON carelog.group_session
    FOR EACH ROW EXECUTE FUNCTION carelog.attendance_referenced_guard('session_id');
CREATE TRIGGER attendance_reference_guard_delete
    BEFORE DELETE ON carelog.patient
    FOR EACH ROW EXECUTE FUNCTION carelog.attendance_referenced_guard('patient_id');
CREATE TRIGGER attendance_reference_guard_delete
    BEFORE DELETE ON carelog.staff
    FOR EACH ROW EXECUTE FUNCTION carelog.attendance_referenced_guard('recorded_by_id');

CREATE TRIGGER attendance_reference_guard_truncate
    BEFORE TRUNCATE ON carelog.group_session
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_referenced_guard('session_id');
CREATE TRIGGER attendance_reference_guard_truncate
    BEFORE TRUNCATE ON carelog.patient
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_referenced_guard('patient_id');
CREATE TRIGGER attendance_reference_guard_truncate
    BEFORE TRUNCATE ON carelog.staff
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.attendance_referenced_guard('recorded_by_id');
