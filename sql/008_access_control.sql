-- =============================================================================
-- carelog — 008_access_control.sql: roles, logins, row-level security (SPEC §6)
-- =============================================================================
--
-- Until this migration every command connected as the superuser and everyone who
-- could connect read and changed every patient. From here on PostgreSQL itself
-- decides who sees and writes what, so that psql, a BI tool or a script
-- connecting as a person sees exactly what carelog shows that person.
--
-- Roles (cluster-wide; created when missing, so that several databases of one
-- cluster, and migrations running at the same time, share them)
--
--   carelog_owner       owns schema carelog and everything in it. NOLOGIN: no
--                       person logs in as it. CREATEROLE, so that its SECURITY
--                       DEFINER functions can create and disable logins
--                       (carelog.user_add, carelog.user_disable); BYPASSRLS, so
--                       that the integrity checks and the audit writers of 001,
--                       002 and 006 (SECURITY DEFINER, owned by it) keep seeing
--                       every row.
--   carelog_therapist   reads and writes attendance, sessions and plans of its
--                       caseload (patients it is assigned to, on any day of an
--                       assignment) and of the groups it facilitates; reads
--                       nothing else of patients.
--   carelog_director    reads and writes everything, or, with a site in its
--                       login's mapping, the patients, groups and sessions of
--                       that site.
--   carelog_auditor     reads everything; writes only its own run records.
--
--   The group roles are NOLOGIN, not superusers, without BYPASSRLS; the logins
--   carelog creates (carelog.user_add) are plain LOGIN roles that are members of
--   exactly one of them.
--
-- Who is who
--
--   carelog.app_user maps each login (a role name) to one staff member, its
--   group role and, for a director, an optional site. Only the owner writes it
--   (through carelog.user_add / carelog.user_disable). Identity is
--   session_user, which a client cannot change (SET ROLE changes current_user,
--   SET SESSION AUTHORIZATION needs a superuser); the setting
--   carelog.acting_staff, which any client can set, may only name a colleague
--   when the login is a director's, and the audit trigger, not the client,
--   checks that (carelog.resolve_acting_staff).
--
-- Row-level security
--
--   Every table of schema carelog except schema_migration has row-level
--   security ENABLEd and FORCEd. Policies are per group role. Reference data
--   (site, staff, care_group) is readable by every carelog role; writes to it
--   are the directors'. The policy helpers (carelog.login_staff_id(), the
--   caseload and facilitated-group sets, ...) are STABLE SECURITY DEFINER
--   functions owned by carelog_owner: they read the tables unfiltered (so that
--   no policy refers back to itself) and are called as (SELECT f()) or
--   IN (SELECT f()), which PostgreSQL evaluates once per statement (an initplan
--   or a hashed subplan), never once per row. The columns they filter on are
--   indexed (001 indexes every foreign key; run_log.db_user and the login
--   mapping get theirs here).
--
--   Views: schema carelog has none; any later view must be created WITH
--   (security_invoker = true), or it would read its tables as the owner.
--
-- The trail
--
--   The audit triggers of every audited table are ENABLE ALWAYS: they fire with
--   session_replication_role = replica too. carelog.audit_attach() does the same
--   for tables of later migrations. The acting staff member of a batch is now
--   derived from the login (carelog.resolve_acting_staff), not taken from the
--   client's setting.
--
-- Applying it
--
--   It must be applied by a superuser (it creates roles, gives BYPASSRLS and
--   hands every object to carelog_owner), and so must every later migration:
--   the schema and the migrator's own table now belong to carelog_owner, which
--   no one logs in as. After each of them the migrator calls
--   carelog.hand_to_owner(), so that what it created belongs to carelog_owner
--   as well. A later migration that adds a
--   table holding patient data must enable and force row-level security on it
--   and give it policies (a test checks that every table has them).
-- =============================================================================

DO $$
BEGIN
    IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'insufficient_privilege',
            MESSAGE = '008_access_control.sql creates carelog''s roles and hands the schema to carelog_owner: it must be applied by a superuser',
            HINT    = 'Run `carelog db migrate` once as a superuser (for example the postgres account); later migrations need no superuser.';
    END IF;
END;
$$;


-- -----------------------------------------------------------------------------
-- Roles
-- -----------------------------------------------------------------------------

-- Created when missing. Two databases of one cluster migrating at the same time
-- both see the role missing; the second CREATE ROLE then fails on the catalog's
-- unique index once the first commits, which is caught: the role exists, as
-- wanted. A role of one of these names that exists with more power than it
-- should have is refused, never silently used.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT v.name, v.options
          FROM (VALUES ('carelog_owner',     'NOLOGIN CREATEROLE BYPASSRLS'),
                       ('carelog_therapist', 'NOLOGIN'),
                       ('carelog_director',  'NOLOGIN'),
                       ('carelog_auditor',   'NOLOGIN')) AS v(name, options)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r.name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I %s', r.name, r.options);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;

    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles
                WHERE rolname IN ('carelog_owner', 'carelog_therapist', 'carelog_director', 'carelog_auditor')
                  AND (rolsuper OR rolcanlogin)) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_object_definition',
            MESSAGE = 'a role named carelog_owner, carelog_therapist, carelog_director or carelog_auditor exists and can log in or is a superuser',
            HINT    = 'These names are carelog''s group roles: make them NOLOGIN NOSUPERUSER, or rename the existing roles.';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles
                WHERE rolname IN ('carelog_therapist', 'carelog_director', 'carelog_auditor')
                  AND (rolbypassrls OR rolcreaterole OR rolcreatedb)) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'invalid_object_definition',
            MESSAGE = 'carelog_therapist, carelog_director and carelog_auditor must not bypass row-level security nor create roles or databases',
            HINT    = 'ALTER ROLE ... NOBYPASSRLS NOCREATEROLE NOCREATEDB, then migrate again.';
    END IF;
    IF NOT (SELECT rolcreaterole AND rolbypassrls FROM pg_catalog.pg_roles WHERE rolname = 'carelog_owner') THEN
        ALTER ROLE carelog_owner CREATEROLE BYPASSRLS;
    END IF;
    -- PostgreSQL 16 asks CREATEROLE roles for ADMIN OPTION on a group before they
    -- grant it; 15 does not, and cannot grant it without also passing its rights.
    IF current_setting('server_version_num')::integer >= 160000 THEN
        EXECUTE 'GRANT carelog_therapist, carelog_director, carelog_auditor TO carelog_owner WITH ADMIN OPTION, INHERIT FALSE, SET FALSE';
    END IF;
END;
$$;


-- -----------------------------------------------------------------------------
-- Logins and the staff members they are
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.app_user (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login            text NOT NULL,
    staff_member_id  bigint NOT NULL,
    role             text NOT NULL,
    site_id          bigint,
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    created_by       text NOT NULL DEFAULT session_user,
    disabled_at      timestamptz,
    disabled_by      text,
    CONSTRAINT app_user_login_key UNIQUE (login),
    -- One login per person.
    CONSTRAINT app_user_staff_member_id_key UNIQUE (staff_member_id),
    CONSTRAINT app_user_role_check CHECK (role IN ('therapist', 'director', 'auditor')),
    -- A site limits a director; therapists and auditors are not limited by site.
    CONSTRAINT app_user_site_only_for_directors CHECK (site_id IS NULL OR role = 'director'),
    CONSTRAINT app_user_disabled_check CHECK (active = (disabled_at IS NULL)),
    CONSTRAINT app_user_staff_member_id_fkey FOREIGN KEY (staff_member_id) REFERENCES carelog.staff (id),
    CONSTRAINT app_user_site_id_fkey FOREIGN KEY (site_id) REFERENCES carelog.site (id)
);
CREATE INDEX app_user_site_id_idx ON carelog.app_user (site_id);

COMMENT ON TABLE carelog.app_user IS
    'Database logins of carelog''s users: which staff member each login is, its group role, and for a director an optional site it is limited to. Written only through carelog.user_add and carelog.user_disable. A disabled login keeps its row (its history stays).';
COMMENT ON COLUMN carelog.app_user.login IS
    'The PostgreSQL role name the person logs in with (session_user).';

SELECT carelog.audit_attach('carelog.app_user');

CREATE INDEX run_log_db_user_idx ON carelog.run_log (db_user);

-- The sessions a therapist's caseload attended (carelog.caseload_session_ids)
-- come from an index-only scan of this index instead of 100,000 heap fetches.
-- It replaces the index on patient_id alone, which it covers, so attendance
-- keeps the same number of indexes to maintain.
CREATE INDEX attendance_patient_id_session_id_idx ON carelog.attendance (patient_id, session_id);
DROP INDEX carelog.attendance_patient_id_idx;


-- -----------------------------------------------------------------------------
-- Identity helpers (STABLE SECURITY DEFINER: they read app_user unfiltered)
-- -----------------------------------------------------------------------------

-- staff.id of the session's login, NULL for a session that is not an active
-- carelog login (a superuser, the owner, a disabled login).
CREATE FUNCTION carelog.login_staff_id()
RETURNS bigint
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT u.staff_member_id FROM carelog.app_user AS u WHERE u.login = session_user AND u.active;
END;

-- The site a director's login is limited to; NULL when it is not limited (and
-- for every other session).
CREATE FUNCTION carelog.login_site_id()
RETURNS bigint
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT u.site_id FROM carelog.app_user AS u WHERE u.login = session_user AND u.active;
END;

-- The group role of the session's login (therapist, director, auditor); NULL
-- for a session that is not an active carelog login.
CREATE FUNCTION carelog.login_role()
RETURNS text
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT u.role FROM carelog.app_user AS u WHERE u.login = session_user AND u.active;
END;

-- The staff member a write is recorded as made by, and why it may not be.
--   * A session that is not a carelog login (superuser, owner, maintenance)
--     names whoever it claims with carelog.acting_staff (--by), as before.
--   * A carelog login is its own staff member; a director may name a colleague.
--   * A disabled login, an unknown staff ID, or an auditor named as the one
--     making a change is refused: auditors write no records.
-- problem is NULL when the write may go ahead; rule names the rule it breaks
-- (disabled_login, only_directors_act_for_others, unknown_staff,
-- auditors_write_nothing).
CREATE FUNCTION carelog.resolve_acting_staff(p_claimed text, OUT staff_id text, OUT problem text, OUT rule text)
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

COMMENT ON FUNCTION carelog.resolve_acting_staff(text) IS
    'Who a write is recorded as made by: the login''s own staff member, or (for a director, or a session that is not a carelog login) the claimed one. problem says why the write may not go ahead, NULL when it may. Used by the audit trigger and, for an early clear message, by carelog itself.';

-- The acting staff member for the audit trigger: raises when the write may not
-- go ahead.
CREATE FUNCTION carelog.audit_acting_staff()
RETURNS text
LANGUAGE plpgsql
STABLE
SET search_path = carelog, pg_catalog, pg_temp
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


-- -----------------------------------------------------------------------------
-- Audit writers: the acting staff member comes from the login
-- -----------------------------------------------------------------------------
-- The bodies are those of 002 with one change: v_staff is
-- carelog.audit_acting_staff() instead of the client's setting.

CREATE OR REPLACE FUNCTION carelog.audit_record()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
SET TimeZone = 'UTC'
SET row_security = off
SET enable_nestloop = off
SET work_mem = '64MB'
AS $$
DECLARE
    v_batch_id  bigint;
    v_prev      text;
    v_staff     text := carelog.audit_acting_staff();
    v_events    integer;
    v_written   integer;
BEGIN
    IF TG_LEVEL <> 'STATEMENT' OR TG_WHEN <> 'AFTER' THEN
        RAISE EXCEPTION 'carelog.audit_record() must be an AFTER ... FOR EACH STATEMENT trigger';
    END IF;

    -- A statement that wrote no row writes no batch.
    IF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
            RETURN NULL;
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM new_rows) THEN
        RETURN NULL;
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

    IF TG_OP = 'INSERT' THEN
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
$$;

CREATE OR REPLACE FUNCTION carelog.audit_record_truncate()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
SET TimeZone = 'UTC'
SET row_security = off
SET work_mem = '64MB'
AS $$
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
$$;

-- Every audit trigger fires whatever the session's replication role, for the
-- tables audited now and (through audit_attach) for those added later.
CREATE OR REPLACE FUNCTION carelog.audit_attach(p_table regclass)
RETURNS void
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
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

DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN
        SELECT DISTINCT tg.tgrelid::regclass
          FROM pg_trigger AS tg
          JOIN pg_class AS c ON c.oid = tg.tgrelid
          JOIN pg_namespace AS n ON n.oid = c.relnamespace
         WHERE n.nspname = 'carelog' AND tg.tgname = 'zz_audit_insert'
    LOOP
        PERFORM carelog.audit_attach(t);
    END LOOP;
END;
$$;


-- -----------------------------------------------------------------------------
-- Policy helpers: sets evaluated once per statement
-- -----------------------------------------------------------------------------

-- Patients the login's staff member is assigned to, on any day of any assignment.
CREATE FUNCTION carelog.caseload_patient_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 200
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT DISTINCT a.patient_id
      FROM carelog.therapist_assignment AS a
     WHERE a.therapist_id = carelog.login_staff_id();
END;

-- Groups whose usual facilitator is the login's staff member.
CREATE FUNCTION carelog.facilitated_group_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 10
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT g.id FROM carelog.care_group AS g WHERE g.facilitator_id = carelog.login_staff_id();
END;

-- Sessions of those groups, and sessions the login's staff member facilitated.
CREATE FUNCTION carelog.facilitated_session_ids()
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
      JOIN carelog.care_group AS g ON g.id = s.group_id
     WHERE g.facilitator_id = carelog.login_staff_id();
END;

-- Sessions that a patient of the caseload has an attendance record in.
CREATE FUNCTION carelog.caseload_session_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 2000
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT DISTINCT a.session_id
      FROM carelog.attendance AS a
     WHERE a.patient_id IN (SELECT carelog.caseload_patient_ids());
END;

-- Sites where the login's staff member facilitates an open (drop-in) group:
-- anyone in care there may walk in.
CREATE FUNCTION carelog.open_group_site_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 2
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT DISTINCT g.site_id
      FROM carelog.care_group AS g
     WHERE g.facilitator_id = carelog.login_staff_id() AND g.kind = 'open';
END;

-- Patients a therapist may find at all (their patient row and episodes): its
-- caseload; the patients enrolled in the groups it facilitates; and, when it
-- facilitates an open (drop-in) group, the patients of that group's site, since
-- any of them may walk in and the facilitator must be able to record them
-- (attendance is checked against the patient's episodes). Their plans,
-- assessments, screens and assignments stay hidden unless they are in the
-- caseload.
CREATE FUNCTION carelog.therapist_patient_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 500
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT carelog.caseload_patient_ids()
    UNION
    SELECT p.id
      FROM carelog.patient AS p
     WHERE p.site_id IN (SELECT carelog.open_group_site_ids())
    UNION
    SELECT e.patient_id
      FROM carelog.group_enrollment AS e
     WHERE e.group_id IN (SELECT carelog.facilitated_group_ids());
END;

-- Patients of the site a director's login is limited to.
CREATE FUNCTION carelog.site_patient_ids()
RETURNS SETOF bigint
LANGUAGE sql
STABLE SECURITY DEFINER
ROWS 2000
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT p.id FROM carelog.patient AS p WHERE p.site_id = carelog.login_site_id();
END;

-- The patient an audit event is about, as `carelog audit log` finds it: the
-- patient row itself, or a row with a patient_id column.
CREATE FUNCTION carelog.audit_event_patient_id(p_table_name text, p_record_id bigint, p_new_values jsonb, p_old_values jsonb)
RETURNS bigint
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN p_table_name = 'patient' THEN p_record_id
            ELSE (coalesce(p_new_values, p_old_values) ->> 'patient_id')::bigint END;

-- The head of the audit chain, whoever asks: its id and hash tell nothing about
-- a patient, and a head read through row-level security would not be the head.
CREATE FUNCTION carelog.audit_head(OUT batch_id bigint, OUT hash text, OUT created_at timestamptz)
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT b.id, b.hash, b.created_at FROM carelog.audit_batch AS b ORDER BY b.id DESC LIMIT 1;
END;


-- The hash of one batch, whoever asks: to compare with a head recorded outside
-- the database (carelog audit verify --anchor). NULL when the batch is gone.
CREATE FUNCTION carelog.audit_batch_hash_of(p_batch_id bigint)
RETURNS text
LANGUAGE sql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT b.hash FROM carelog.audit_batch AS b WHERE b.id = p_batch_id;
END;


-- -----------------------------------------------------------------------------
-- Row-level security
-- -----------------------------------------------------------------------------

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'site', 'staff', 'care_group', 'patient', 'episode', 'therapist_assignment', 'treatment_plan',
        'plan_requirement', 'plan_goal', 'plan_review', 'group_enrollment', 'group_session', 'attendance',
        'assessment', 'drug_screen', 'audit_batch', 'audit_event', 'run_log', 'app_user']
    LOOP
        EXECUTE format('ALTER TABLE carelog.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END;
$$;

-- Reference data: readable by every carelog role; written by directors (one
-- limited to a site: that site's staff and groups only).
CREATE POLICY read_reference ON carelog.site
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING (true);
CREATE POLICY director_write ON carelog.site
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL)
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL);

CREATE POLICY read_reference ON carelog.staff
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING (true);
CREATE POLICY director_write ON carelog.staff
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL OR site_id = (SELECT carelog.login_site_id()))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL OR site_id = (SELECT carelog.login_site_id()));

CREATE POLICY read_reference ON carelog.care_group
    FOR SELECT TO carelog_therapist, carelog_director, carelog_auditor USING (true);
CREATE POLICY director_write ON carelog.care_group
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL OR site_id = (SELECT carelog.login_site_id()))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL OR site_id = (SELECT carelog.login_site_id()));

-- Auditors read every table.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'patient', 'episode', 'therapist_assignment', 'treatment_plan', 'plan_requirement', 'plan_goal',
        'plan_review', 'group_enrollment', 'group_session', 'attendance', 'assessment', 'drug_screen',
        'audit_batch', 'audit_event', 'run_log', 'app_user']
    LOOP
        EXECUTE format('CREATE POLICY auditor_read ON carelog.%I FOR SELECT TO carelog_auditor USING (true)', t);
    END LOOP;
END;
$$;

-- Directors: everything, or the patients of their site and everything about them.
CREATE POLICY director_all ON carelog.patient
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL OR site_id = (SELECT carelog.login_site_id()))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL OR site_id = (SELECT carelog.login_site_id()));

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['episode', 'therapist_assignment', 'treatment_plan', 'group_enrollment',
                             'assessment', 'drug_screen']
    LOOP
        EXECUTE format($p$
            CREATE POLICY director_all ON carelog.%I
                FOR ALL TO carelog_director
                USING ((SELECT carelog.login_site_id()) IS NULL OR patient_id IN (SELECT carelog.site_patient_ids()))
                WITH CHECK ((SELECT carelog.login_site_id()) IS NULL OR patient_id IN (SELECT carelog.site_patient_ids()))
            $p$, t);
    END LOOP;
    -- A plan's parts follow the plan (whose own policy decides).
    FOREACH t IN ARRAY ARRAY['plan_requirement', 'plan_goal', 'plan_review']
    LOOP
        EXECUTE format($p$
            CREATE POLICY director_all ON carelog.%I
                FOR ALL TO carelog_director
                USING ((SELECT carelog.login_site_id()) IS NULL OR plan_id IN (SELECT tp.id FROM carelog.treatment_plan AS tp))
                WITH CHECK ((SELECT carelog.login_site_id()) IS NULL OR plan_id IN (SELECT tp.id FROM carelog.treatment_plan AS tp))
            $p$, t);
    END LOOP;
END;
$$;

CREATE POLICY director_all ON carelog.group_session
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL
           OR group_id IN (SELECT g.id FROM carelog.care_group AS g WHERE g.site_id = (SELECT carelog.login_site_id())))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL
           OR group_id IN (SELECT g.id FROM carelog.care_group AS g WHERE g.site_id = (SELECT carelog.login_site_id())));

CREATE POLICY director_all ON carelog.attendance
    FOR ALL TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL
           OR patient_id IN (SELECT carelog.site_patient_ids())
           OR session_id IN (SELECT s.id FROM carelog.group_session AS s))
    WITH CHECK ((SELECT carelog.login_site_id()) IS NULL
           OR patient_id IN (SELECT carelog.site_patient_ids())
           OR session_id IN (SELECT s.id FROM carelog.group_session AS s));

CREATE POLICY director_read ON carelog.audit_event
    FOR SELECT TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL
           OR carelog.audit_event_patient_id(table_name, record_id, new_values, old_values)
              IN (SELECT carelog.site_patient_ids()));
CREATE POLICY director_read ON carelog.audit_batch
    FOR SELECT TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL
           OR EXISTS (SELECT 1 FROM carelog.audit_event AS e WHERE e.batch_id = audit_batch.id));

CREATE POLICY director_read ON carelog.run_log
    FOR SELECT TO carelog_director USING (true);
CREATE POLICY director_read ON carelog.app_user
    FOR SELECT TO carelog_director USING (true);

-- Therapists: their caseload and the groups they facilitate.
CREATE POLICY therapist_read ON carelog.patient
    FOR SELECT TO carelog_therapist
    USING (id IN (SELECT carelog.caseload_patient_ids())
           OR site_id IN (SELECT carelog.open_group_site_ids())
           OR id IN (SELECT e.patient_id FROM carelog.group_enrollment AS e));
CREATE POLICY therapist_read ON carelog.episode
    FOR SELECT TO carelog_therapist
    USING (patient_id IN (SELECT carelog.therapist_patient_ids()));

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['therapist_assignment', 'assessment', 'drug_screen']
    LOOP
        EXECUTE format($p$
            CREATE POLICY therapist_read ON carelog.%I
                FOR SELECT TO carelog_therapist
                USING (patient_id IN (SELECT carelog.caseload_patient_ids()))
            $p$, t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['plan_requirement', 'plan_goal', 'plan_review']
    LOOP
        EXECUTE format($p$
            CREATE POLICY therapist_all ON carelog.%I
                FOR ALL TO carelog_therapist
                USING (plan_id IN (SELECT tp.id FROM carelog.treatment_plan AS tp))
                WITH CHECK (plan_id IN (SELECT tp.id FROM carelog.treatment_plan AS tp))
            $p$, t);
    END LOOP;
END;
$$;

CREATE POLICY therapist_all ON carelog.treatment_plan
    FOR ALL TO carelog_therapist
    USING (patient_id IN (SELECT carelog.caseload_patient_ids()))
    WITH CHECK (patient_id IN (SELECT carelog.caseload_patient_ids()));

CREATE POLICY therapist_read ON carelog.group_enrollment
    FOR SELECT TO carelog_therapist
    USING (patient_id IN (SELECT carelog.caseload_patient_ids())
           OR group_id IN (SELECT carelog.facilitated_group_ids()));

-- Read as the same rows as carelog.facilitated_session_ids() plus the sessions
-- its patients attended, but written per row: INSERT ... ON CONFLICT checks a
-- new session against this USING too, before it has an id in any set.
CREATE POLICY therapist_all ON carelog.group_session
    FOR ALL TO carelog_therapist
    USING (group_id IN (SELECT carelog.facilitated_group_ids())
           OR facilitator_id = (SELECT carelog.login_staff_id())
           OR id IN (SELECT carelog.caseload_session_ids()))
    WITH CHECK (group_id IN (SELECT carelog.facilitated_group_ids())
                OR facilitator_id = (SELECT carelog.login_staff_id()));

-- A therapist records attendance as itself, for the sessions it facilitates or
-- the patients of its caseload.
CREATE POLICY therapist_all ON carelog.attendance
    FOR ALL TO carelog_therapist
    USING (patient_id IN (SELECT carelog.caseload_patient_ids())
           OR session_id IN (SELECT carelog.facilitated_session_ids()))
    WITH CHECK ((patient_id IN (SELECT carelog.caseload_patient_ids())
                 OR session_id IN (SELECT carelog.facilitated_session_ids()))
                AND recorded_by_id = (SELECT carelog.login_staff_id()));

CREATE POLICY therapist_read ON carelog.audit_event
    FOR SELECT TO carelog_therapist
    USING (carelog.audit_event_patient_id(table_name, record_id, new_values, old_values)
               IN (SELECT carelog.caseload_patient_ids())
           OR (table_name = 'attendance'
               AND (coalesce(new_values, old_values) ->> 'session_id')::bigint
                   IN (SELECT carelog.facilitated_session_ids())));
CREATE POLICY therapist_read ON carelog.audit_batch
    FOR SELECT TO carelog_therapist
    USING (EXISTS (SELECT 1 FROM carelog.audit_event AS e WHERE e.batch_id = audit_batch.id));

CREATE POLICY therapist_own_runs ON carelog.run_log
    FOR SELECT TO carelog_therapist USING (db_user = session_user);

-- Everyone logs its own runs, as itself.
CREATE POLICY log_own_run ON carelog.run_log
    FOR INSERT TO carelog_therapist, carelog_director, carelog_auditor
    WITH CHECK (db_user = session_user);


-- -----------------------------------------------------------------------------
-- Grants
-- -----------------------------------------------------------------------------

GRANT USAGE ON SCHEMA carelog TO carelog_therapist, carelog_director, carelog_auditor;
GRANT SELECT ON carelog.schema_migration TO carelog_therapist, carelog_director, carelog_auditor;

GRANT SELECT ON ALL TABLES IN SCHEMA carelog TO carelog_director, carelog_auditor;
GRANT INSERT, UPDATE, DELETE ON
    carelog.site, carelog.staff, carelog.care_group, carelog.patient, carelog.episode,
    carelog.therapist_assignment, carelog.treatment_plan, carelog.plan_requirement, carelog.plan_goal,
    carelog.plan_review, carelog.group_enrollment, carelog.group_session, carelog.attendance,
    carelog.assessment, carelog.drug_screen
    TO carelog_director;

GRANT SELECT ON
    carelog.site, carelog.staff, carelog.care_group, carelog.patient, carelog.episode,
    carelog.therapist_assignment, carelog.treatment_plan, carelog.plan_requirement, carelog.plan_goal,
    carelog.plan_review, carelog.group_enrollment, carelog.group_session, carelog.attendance,
    carelog.assessment, carelog.drug_screen, carelog.audit_batch, carelog.audit_event, carelog.run_log
    TO carelog_therapist;
GRANT INSERT, UPDATE ON
    carelog.treatment_plan, carelog.plan_requirement, carelog.plan_goal, carelog.plan_review,
    carelog.group_session, carelog.attendance
    TO carelog_therapist;

GRANT INSERT ON carelog.run_log TO carelog_therapist, carelog_director, carelog_auditor;
-- No TRUNCATE for anyone: TRUNCATE does not look at row-level security.

-- Checking the chain needs every row, whatever the caller may read; what it
-- returns (counts, a batch id, what is wrong) tells nothing about a patient. So
-- it runs as the owner, for directors and auditors.
ALTER FUNCTION carelog.audit_verify() SECURITY DEFINER;
REVOKE EXECUTE ON FUNCTION carelog.audit_verify() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION carelog.audit_verify() TO carelog_director, carelog_auditor;


-- -----------------------------------------------------------------------------
-- Logins: add, disable (run by a superuser or a director)
-- -----------------------------------------------------------------------------

-- Who runs a login command: NULL for a superuser or an unlimited director, the
-- site id for a director limited to a site; raises for anyone else.
CREATE FUNCTION carelog.user_admin_site()
RETURNS bigint
LANGUAGE plpgsql
STABLE SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
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

-- Creates the login p_login for staff member p_staff_id as a member of
-- carelog_<p_role>. p_password_verifier is a SCRAM verifier computed by the
-- client (libpq's PQencryptPasswordConn), so the password itself never reaches
-- the server or its logs; NULL leaves the login without a password (it can then
-- only connect where the server trusts it, e.g. peer authentication).
CREATE FUNCTION carelog.user_add(p_login text, p_staff_id text, p_role text, p_site_code text, p_password_verifier text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
AS $$
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
$$;

-- Disables a login: it can no longer connect (NOLOGIN), loses its group role at
-- once (an open session's next statement has no privileges left), and keeps its
-- row in app_user and its history.
CREATE FUNCTION carelog.user_disable(p_login text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
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

REVOKE EXECUTE ON FUNCTION carelog.user_admin_site() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION carelog.user_add(text, text, text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION carelog.user_disable(text) FROM PUBLIC;
-- Every carelog role may call them, so that whoever may not is told why
-- (carelog.user_admin_site) instead of a bare "permission denied".
GRANT EXECUTE ON FUNCTION carelog.user_add(text, text, text, text, text) TO carelog_therapist, carelog_director, carelog_auditor;
GRANT EXECUTE ON FUNCTION carelog.user_disable(text) TO carelog_therapist, carelog_director, carelog_auditor;


-- -----------------------------------------------------------------------------
-- Ownership
-- -----------------------------------------------------------------------------

-- Hands schema carelog and everything in it to carelog_owner. Idempotent; the
-- migrator calls it after every later migration (as a superuser), so that what
-- a migration created belongs to the owner too.
CREATE FUNCTION carelog.hand_to_owner()
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
           -- Identity and serial sequences follow their table.
           AND NOT EXISTS (SELECT 1 FROM pg_depend AS d
                            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND d.deptype IN ('a', 'i', 'e'))
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

SELECT carelog.hand_to_owner();
