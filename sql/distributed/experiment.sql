-- Research only: what Citus would accept once carelog's schema is changed as
-- docs/citus-findings.md proposes. Run by `scripts/citus-check --experiment` in a throwaway
-- database on the private cluster, after the migrations. NEVER run it on a database that
-- holds records: to get past each refusal it drops row-level security policies, foreign
-- keys and audit triggers, and adds empty site_id columns. It is not a migration (carelog
-- does not carry sql/'s subfolders), and it is not what carelog would ship: each step is
-- the crude form of a change the findings describe properly.
--
-- Every attempt goes through cx.try(step, statement), which runs the statement, keeps the
-- error text instead of stopping, and records both in cx.result; the last queries print
-- the results.

\set ON_ERROR_STOP 1
SET client_min_messages = warning;

CREATE SCHEMA cx;
CREATE TABLE cx.result (n serial, step text, statement text, outcome text);
CREATE FUNCTION cx.try(p_step text, p_statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE v_outcome text := 'ok';
BEGIN
    BEGIN
        EXECUTE p_statement;
    EXCEPTION WHEN OTHERS THEN
        v_outcome := SQLERRM;
    END;
    INSERT INTO cx.result (step, statement, outcome) VALUES (p_step, p_statement, v_outcome);
    RETURN v_outcome;
END $$;

-- Step 0. Every table as the migrations leave it: reference tables first, then the
-- site-scoped ones by site_id (those without the column fail on that). First with Citus's
-- default, which refuses any table with triggers, then with citus.enable_unsafe_triggers,
-- which lets triggers through (Citus then runs them on every shard).
CREATE TABLE cx.target (n serial, t text, kind text);
INSERT INTO cx.target (t, kind)
    SELECT t, 'reference' FROM unnest(string_to_array(
        'site staff app_user care_group group_cofacilitator closed_period modality '
        'service_code credential teds_code column_class', ' ')) AS t
    UNION ALL
    SELECT t, 'distributed' FROM unnest(string_to_array(
        'patient episode therapist_assignment treatment_plan plan_requirement plan_goal '
        'plan_review assessment drug_screen consent group_session group_enrollment attendance '
        'attendance_void session_note participant_note note_addendum roll_closure '
        'outcome_measure audit_event audit_batch disclosure disclosure_patient', ' ')) AS t;
CREATE FUNCTION cx.distribute_statement(p_table text, p_kind text) RETURNS text LANGUAGE sql AS $$
    SELECT CASE p_kind
               WHEN 'reference' THEN format('SELECT create_reference_table(%L)', 'carelog.' || p_table)
               ELSE format('SELECT create_distributed_table(%L, ''site_id'')', 'carelog.' || p_table)
           END
$$;
SELECT count(cx.try('0a as migrated', cx.distribute_statement(t, kind))) FROM (SELECT * FROM cx.target ORDER BY n) AS x \g /dev/null
-- Triggers on Citus tables are refused unless this is on; every carelog table has some.
SET citus.enable_unsafe_triggers = on;
SELECT count(cx.try('0b as migrated, unsafe triggers on', cx.distribute_statement(t, kind)))
  FROM (SELECT * FROM cx.target ORDER BY n) AS x
 WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = ('carelog.' || t)::regclass) \g /dev/null

-- Step 1. Functions with SQL-standard bodies (BEGIN ATOMIC … END) record in pg_depend the
-- tables they read; Citus follows those records from every table to every other one
-- ("has dependency to … that is not in Citus' metadata", "circularly depends itself").
-- The same text as a string body (AS $$ … $$) records no such dependency.
DO $$
DECLARE f record; def text;
BEGIN
    FOR f IN SELECT p.oid FROM pg_proc AS p
              WHERE p.pronamespace = 'carelog'::regnamespace AND p.prosqlbody IS NOT NULL LOOP
        def := pg_get_functiondef(f.oid);
        def := regexp_replace(def, '\nBEGIN ATOMIC\n', E'\nAS $cx$\n');
        def := regexp_replace(def, '\nEND\s*$', E'\n$cx$');
        PERFORM cx.try('1 string bodies', def);
    END LOOP;
END $$;

-- Step 2. Citus refuses a policy whose expression holds a subquery. carelog writes
-- "( SELECT carelog.login_role() AS login_role)" so that PostgreSQL evaluates the function
-- once per statement; here it becomes a plain call. A policy that tests membership in a
-- set-returning function ("id IN ( SELECT carelog.caseload_patient_ids() …)") cannot be
-- written without a subquery: it is dropped here (listed in the results), and the
-- findings say what replaces it.
DO $$
DECLARE p record; q text; c text;
BEGIN
    FOR p IN SELECT polname, polrelid::regclass AS t, pg_get_expr(polqual, polrelid) AS qual,
                    pg_get_expr(polwithcheck, polrelid) AS chk
               FROM pg_policy JOIN pg_class AS k ON k.oid = polrelid
              WHERE k.relnamespace = 'carelog'::regnamespace LOOP
        q := regexp_replace(p.qual, '(?<!IN )\( SELECT (carelog\.\w+\(\)) AS \w+\)', '\1', 'g');
        c := regexp_replace(p.chk, '(?<!IN )\( SELECT (carelog\.\w+\(\)) AS \w+\)', '\1', 'g');
        IF coalesce(q, '') ~* 'select' OR coalesce(c, '') ~* 'select' THEN
            PERFORM cx.try('2 policy dropped (set membership)', format('DROP POLICY %I ON %s', p.polname, p.t));
        ELSE
            IF q IS NOT NULL THEN
                PERFORM cx.try('2 policy rewritten', format('ALTER POLICY %I ON %s USING (%s)', p.polname, p.t, q));
            END IF;
            IF c IS NOT NULL THEN
                PERFORM cx.try('2 policy rewritten', format('ALTER POLICY %I ON %s WITH CHECK (%s)', p.polname, p.t, c));
            END IF;
        END IF;
    END LOOP;
END $$;

-- Step 3. Foreign keys set aside (re-added in step 7): making site a reference table
-- while local tables refer to it makes Citus convert every table of the foreign-key graph
-- to a "Citus local table", and that conversion fails on the partitioned attendance.
SELECT cx.try('3 site as reference, foreign keys in place', 'SELECT create_reference_table(''carelog.site'')') \g /dev/null
CREATE TABLE cx.foreign_key AS
    SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def
      FROM pg_constraint
     WHERE contype = 'f' AND connamespace = 'carelog'::regnamespace AND conparentid = 0;
SELECT count(cx.try('3 foreign key set aside', format('ALTER TABLE %s DROP CONSTRAINT %I', t, conname)))
  FROM cx.foreign_key \g /dev/null

-- Step 4. site_id in every site-scoped table that lacks it (empty here; a real migration
-- fills it from the parent row), and first in every primary key, unique constraint,
-- unique index and exclusion constraint of those tables.
CREATE TABLE cx.scoped (t text PRIMARY KEY);
INSERT INTO cx.scoped
    SELECT unnest(string_to_array(
        'audit_event audit_batch patient episode therapist_assignment treatment_plan '
        'plan_requirement plan_goal plan_review assessment drug_screen consent group_session '
        'group_enrollment attendance attendance_void session_note participant_note '
        'note_addendum roll_closure outcome_measure disclosure disclosure_patient', ' '));
SELECT count(cx.try('4 site_id added', format('ALTER TABLE carelog.%I ADD COLUMN site_id bigint', c.relname)))
  FROM cx.scoped AS s JOIN pg_class AS c ON c.oid = ('carelog.' || s.t)::regclass
 WHERE NOT EXISTS (SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = 'site_id') \g /dev/null
CREATE TABLE cx.key AS
    SELECT k.conrelid::regclass::text AS t, k.conname, k.contype, pg_get_constraintdef(k.oid) AS def
      FROM pg_constraint AS k
     WHERE k.contype IN ('p', 'u', 'x') AND k.connamespace = 'carelog'::regnamespace AND k.conparentid = 0
       AND k.conrelid::regclass::text IN (SELECT 'carelog.' || t FROM cx.scoped);
SELECT count(cx.try('4 key without site_id dropped', format('ALTER TABLE %s DROP CONSTRAINT %I', t, conname)))
  FROM cx.key \g /dev/null
SELECT count(cx.try('4 site_id not null', format('ALTER TABLE carelog.%I ALTER COLUMN site_id SET NOT NULL', t)))
  FROM cx.scoped \g /dev/null
SELECT count(cx.try('4 key with site_id',
                    format('ALTER TABLE %s ADD CONSTRAINT %I %s', t, conname,
                           CASE contype
                               WHEN 'x' THEN regexp_replace(def, '^EXCLUDE USING gist \(', 'EXCLUDE USING gist (site_id WITH =, ')
                               ELSE regexp_replace(def, '^(PRIMARY KEY|UNIQUE) \(', '\1 (site_id, ')
                           END)))
  FROM cx.key \g /dev/null
-- The one unique index that is no constraint: one open episode per patient.
SELECT cx.try('4 key with site_id', 'DROP INDEX carelog.episode_one_open_per_patient') \g /dev/null
SELECT cx.try('4 key with site_id', 'CREATE UNIQUE INDEX episode_one_open_per_patient ON carelog.episode (site_id, patient_id) WHERE discharged_on IS NULL') \g /dev/null

-- Step 5. The site-scoped tables distributed by site_id, all co-located with audit_event.
SELECT cx.try('5 distributed', 'SELECT create_distributed_table(''carelog.audit_event'', ''site_id'')') \g /dev/null
SELECT count(cx.try('5 distributed', format('SELECT create_distributed_table(%L, ''site_id'', colocate_with => ''carelog.audit_event'')', 'carelog.' || t)))
  FROM cx.scoped WHERE t <> 'audit_event' \g /dev/null

-- Step 6. Reference tables: a copy on every node.
SELECT count(cx.try('6 reference', format('SELECT create_reference_table(%L)', 'carelog.' || t)))
  FROM unnest(string_to_array('site staff app_user care_group group_cofacilitator closed_period '
                              'modality service_code credential teds_code column_class', ' ')) AS t
 WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = ('carelog.' || t)::regclass) \g /dev/null
-- Those that failed in the line above, again without their audit triggers: the rows the
-- migrations put in them are copied into the shards, which fires the triggers there.
SELECT count(cx.try('6 reference without audit triggers', format('ALTER TABLE %s DISABLE TRIGGER USER', t)))
     + count(cx.try('6 reference without audit triggers', format('SELECT create_reference_table(%L)', t)))
     + count(cx.try('6 reference without audit triggers', format('ALTER TABLE %s ENABLE TRIGGER USER', t)))
  FROM (SELECT substring(statement FROM '''(carelog\.\w+)''') AS t FROM cx.result
         WHERE step = '6 reference' AND outcome <> 'ok' ORDER BY n) AS failed(t) \g /dev/null

-- Step 7. The foreign keys again: as they were, and where that fails and the key points
-- at another table's id, as a composite key (site_id, x) → (site_id, id).
SELECT count(CASE
                 WHEN cx.try('7 foreign key as it was', format('ALTER TABLE %s ADD CONSTRAINT %I %s', t, conname, def)) = 'ok' THEN 1
                 WHEN def ~ '^FOREIGN KEY \((\w+)\) REFERENCES carelog\.(\w+)\(id\)' THEN
                     length(cx.try('7 foreign key with site_id', format('ALTER TABLE %s ADD CONSTRAINT %I %s', t, conname,
                         regexp_replace(def, '^FOREIGN KEY \((\w+)\) REFERENCES (carelog\.\w+)\(id\)',
                                        'FOREIGN KEY (site_id, \1) REFERENCES \2(site_id, id)'))))
             END)
  FROM cx.foreign_key \g /dev/null

-- Step 8. Writes, as the superuser (row-level security does not apply to it).
SELECT cx.try('8 write', 'INSERT INTO carelog.site (site_code, name, timezone) VALUES (''S1'', ''Site one'', ''America/New_York'')') \g /dev/null
SELECT cx.try('8 write', 'ALTER TABLE carelog.site DISABLE TRIGGER USER') \g /dev/null
SELECT cx.try('8 write without audit triggers', 'INSERT INTO carelog.site (site_code, name, timezone) VALUES (''S1'', ''Site one'', ''America/New_York'')') \g /dev/null
SELECT cx.try('8 write', 'INSERT INTO carelog.patient (site_id, mrn, first_name, last_name, date_of_birth, gender) SELECT id, ''M1'', ''A'', ''B'', ''1980-01-01'', ''female'' FROM carelog.site') \g /dev/null

-- Step 9. Queries that join two co-located tables with an outer join: with site_id in the
-- join condition, and without it.
SELECT cx.try('9 query', 'SELECT p.id, count(t.id) FROM carelog.patient AS p LEFT JOIN carelog.treatment_plan AS t ON t.site_id = p.site_id AND t.patient_id = p.id GROUP BY p.id') \g /dev/null
SELECT cx.try('9 query', 'SELECT p.id, count(t.id) FROM carelog.patient AS p LEFT JOIN carelog.treatment_plan AS t ON t.patient_id = p.id GROUP BY p.id') \g /dev/null

\pset footer off
\echo
\echo 'experiment: every step whose outcome was not ok, and a count of those that were'
SELECT step, count(*) FILTER (WHERE outcome = 'ok') AS ok, count(*) FILTER (WHERE outcome <> 'ok') AS refused
  FROM cx.result GROUP BY step ORDER BY step;
SELECT step, left(regexp_replace(statement, '\s+', ' ', 'g'), 110) AS statement, outcome
  FROM cx.result WHERE outcome <> 'ok' AND step NOT LIKE '0%' ORDER BY n;
\echo 'the tables as migrated (step 0): the first refusal of each'
SELECT x.kind, x.t AS "table", a.outcome AS "0a: as migrated", b.outcome AS "0b: unsafe triggers on"
  FROM cx.target AS x
  LEFT JOIN cx.result AS a ON a.step = '0a as migrated' AND a.statement = cx.distribute_statement(x.t, x.kind)
  LEFT JOIN cx.result AS b ON b.step LIKE '0b%' AND b.statement = cx.distribute_statement(x.t, x.kind)
 ORDER BY x.n;
