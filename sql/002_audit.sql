-- =============================================================================
-- carelog — 002_audit.sql: append-only, hash-chained audit trail (PostgreSQL 15+)
-- =============================================================================
--
-- Run by the migrator inside ONE transaction (no BEGIN/COMMIT here), after
-- 001_schema.sql, as a superuser or the database owner; one PQexec call, no psql
-- meta-commands. Everything lives in schema "carelog" and is schema-qualified.
--
-- What it builds
--
--   carelog.audit_batch   one row per statement that changed an audited table
--   carelog.audit_event   one row per changed record, old and new values as jsonb
--
--   Every table of schema carelog that exists when this file runs (the fifteen
--   tables of 001; not the migrator's bookkeeping table schema_migration) gets,
--   through carelog.audit_attach(regclass):
--     audit_lock           BEFORE INSERT OR UPDATE OR DELETE, FOR EACH STATEMENT
--     zz_audit_insert      AFTER INSERT,   FOR EACH STATEMENT, NEW TABLE new_rows
--     zz_audit_update      AFTER UPDATE,   FOR EACH STATEMENT, OLD TABLE old_rows
--                                                              NEW TABLE new_rows
--     zz_audit_delete      AFTER DELETE,   FOR EACH STATEMENT, OLD TABLE old_rows
--     zz_audit_truncate    BEFORE TRUNCATE, FOR EACH STATEMENT
--   A later migration that adds a table calls carelog.audit_attach('carelog.x').
--   (PostgreSQL fires triggers of the same kind in name order; the "zz_" names
--   run the audit after 001's own checks, so a refused import wastes no audit
--   work.)
--
--   Set-based: a statement that writes a million rows fires each trigger once,
--   and the trigger writes all its audit_event rows with ONE INSERT ... SELECT
--   from the transition table. No dynamic SQL, except in the TRUNCATE trigger,
--   which reads the table being truncated by a format('%I.%I') name.
--
-- What is recorded
--
--   INSERT   one event per inserted row: old_values NULL, new_values = the row.
--   UPDATE   one event per row whose stored value actually changed: rows are
--            compared by binary image (record *= record), so an UPDATE that
--            rewrites identical values records nothing, and if no row of the
--            statement changed, no batch is written at all. INSERT ... ON
--            CONFLICT DO UPDATE writes one INSERT batch for the inserted rows and
--            one UPDATE batch for the rows it changed.
--   DELETE   one event per deleted row: old_values = the row, new_values NULL.
--   TRUNCATE is RECORDED, not forbidden: a BEFORE TRUNCATE trigger still sees
--            the rows, so it writes operation 'TRUNCATE' with one event per row
--            removed (old_values = the row) and an exact row_count. TRUNCATE
--            needs the TRUNCATE privilege, which only the owner has.
--   A statement that changes no row writes no batch.
--
--   old_values / new_values are to_jsonb(row) (all columns, including "id");
--   record_id is the row's surrogate "id". The trigger functions run with
--   TimeZone = UTC, so every timestamptz in the trail reads ...+00:00.
--   db_user is session_user (the login); acting_staff is the carelog staff_id
--   set by the application with
--       SET LOCAL carelog.acting_staff = 'T042'
--   (NULL when unset or empty). created_at is now(), the transaction's start.
--
-- Hash chain (tamper evidence)
--
--   genesis          = 64 zeros (previous_hash of the first batch)
--   event digest     = sha256(UTF-8 of  id|record_id|old|new)
--                      old and new are the jsonb text of old_values and
--                      new_values (jsonb output is canonical: keys sorted, fixed
--                      spacing), '' for NULL; ids are decimal. Every field is
--                      self-delimiting, so the text is unambiguous.
--                      (carelog.audit_event_digest)
--   events digest    = sha256(the 32-byte event digests of the batch
--                             concatenated in event id order)
--   batch hash       = hex(sha256(UTF-8 of
--                        previous_hash || LF ||
--                        json_build_array(id, created_at as UTC
--                          'YYYY-MM-DD"T"HH24:MI:SS.US"Z"', transaction_id as
--                          text, db_user, acting_staff, table_name, operation,
--                          row_count)::text || LF ||
--                        hex(events digest)))
--                      (carelog.audit_batch_hash)
--   An event's batch_id is covered by being hashed into that batch; its
--   table_name and operation must equal the batch's, which audit_verify checks.
--   Hashing each event, then the list of digests, keeps memory bounded: a
--   million-row batch aggregates 32 MB of digests, not the ~300 MB of its jsonb
--   text (and stays far from PostgreSQL's 1 GB value limit). The definition is
--   plain enough for a program outside the database to recompute the chain
--   from exported audit rows.
--
--   The hash covers the batch's events, and audit rows are never updated, so the
--   batch row is written LAST, in the same SQL statement as its events:
--       WITH ev AS (INSERT INTO audit_event ... RETURNING id, digest) ...
--       INSERT INTO audit_batch (id, ..., hash)
--       SELECT <id drawn from nextval>, ..., audit_batch_hash(...,
--              sha256(string_agg(digest ORDER BY id))) FROM ev
--   The batch id is drawn from the batch sequence first, so the events can
--   carry it. No UPDATE, no session flag, no deferred constraint: the digest is
--   computed from the RETURNING rows of the event insert, in one pass.
--
-- Why no foreign key from audit_event.batch_id to audit_batch
--
--   PostgreSQL checks a foreign key with one lookup per inserted row: measured
--   here, 2.5 to 6 s of CPU per million events, i.e. another 20-45 % on top of
--   the rest of the audit. The events and their batch are written by one
--   statement, so the reference holds by construction; the rows can be neither
--   updated nor deleted; and audit_verify reports events whose batch is missing
--   (and every other inconsistency) as a broken link. A foreign key would add no
--   protection that the chain does not give. (Should one be wanted anyway,
--       ALTER TABLE carelog.audit_event ADD FOREIGN KEY (batch_id)
--           REFERENCES carelog.audit_batch (id);
--   works unchanged with this file's writers: the batch row exists when the
--   check runs at the end of the writing statement.)
--
-- Cost (measured on PostgreSQL 15, 2 vCPU, CPU time of the server process)
--
--   INSERT ... SELECT of 1,000,000 attendance rows, all of 001's checks:
--   about 20 s without the audit, 33 s with it (the audit adds ~0.6x; 390 MB of
--   audit_event and indexes, WAL 375 MB -> 925 MB). Per event: to_jsonb of the
--   row ~2.4 us; the digest ~2.5 us (jsonb text ~1 us, SHA-256 ~1 us); heap and
--   three B-tree insertions ~6 us; sort of the digests ~0.5 us. A one-row
--   statement pays ~0.15 ms. audit_verify: ~3.5 s per million events.
--   Alternatives measured: string_agg of the whole batch's text and one SHA-256
--   is no faster (~2.7 us an event) and needs memory in proportion to the batch;
--   hashing row::text instead of the jsonb text costs the same (~1 us) and could
--   not be recomputed from what is stored; chunked string_agg saves ~0.4 us an
--   event at the price of a more complicated definition.
--
-- Concurrency
--
--   Writers append in commit order: every write to an audited table takes the
--   transaction-level advisory lock (AUDIT_LOCK_KEY below) in a BEFORE
--   statement trigger, i.e. before it touches any row, and holds it until
--   commit or rollback. The AFTER trigger then reads the last batch's hash
--   (under READ COMMITTED each statement sees everything committed before it)
--   and draws the batch id, so batch ids follow the chain.
--   TRADE-OFF: transactions that write audited tables run one at a time, from
--   their first write to their commit; readers (reports, exports) are never
--   blocked. Keep write transactions short (carelog's are: one import, one
--   attendance command). Taking the lock before any row lock, rather than at the
--   end of the first statement, avoids lock-order deadlocks between two writers
--   that update the same rows. A writer that has taken row locks with SELECT
--   ... FOR UPDATE before its first write can still deadlock against another
--   writer; PostgreSQL then aborts one of them (40P01).
--   UNIQUE (previous_hash) makes a fork impossible whatever happens: under
--   REPEATABLE READ or SERIALIZABLE a writer whose snapshot predates another
--   writer's commit would read a stale head; its INSERT ... ON CONFLICT
--   (previous_hash) then fails with 40001 (serialization_failure), to be retried
--   like any serialization failure.
--   Gaps in batch ids (rolled-back transactions) are normal: the chain links
--   each batch to the batch with the next lower id.
--
-- Append-only
--
--   * REVOKE ALL on both tables from PUBLIC; the later role migration grants
--     SELECT to whom it may concern. Nobody needs INSERT: the trigger functions
--     that append are SECURITY DEFINER, owned by the migrating user.
--   * BEFORE UPDATE OR DELETE row triggers, BEFORE UPDATE OR DELETE statement
--     triggers (so even a statement matching no row is refused) and a BEFORE
--     TRUNCATE trigger raise SQLSTATE 42501 (insufficient_privilege), for
--     everyone including the owner. They are ENABLE ALWAYS, so
--     session_replication_role = replica does not switch them off.
--   * A BEFORE INSERT statement trigger refuses rows not written by the audit
--     triggers (pg_trigger_depth() < 2), also 42501, so the owner cannot append
--     forged batches by a plain INSERT either. (It is not ENABLE ALWAYS:
--     pg_restore --disable-triggers and logical replication can still load
--     audit rows.)
--   A superuser (or the owner, with ALTER TABLE ... DISABLE TRIGGER) can still
--   get around triggers; carelog.audit_verify() then names the first batch that
--   no longer matches. Rewriting the whole chain from a tampered batch onwards,
--   or cutting batches off its end, can only be seen against a head recorded
--   elsewhere: export manifests should record the last batch's id and hash.
--
-- Interface (for the Swift code)
--
--   SET LOCAL carelog.acting_staff = '<staff_id>'   in every write transaction
--   SELECT * FROM carelog.audit_verify();
--       -> one row: batches_checked bigint, events_checked bigint,
--          first_broken_batch bigint, problem text (both NULL when intact).
--          problem is one of
--            'previous_hash of the first batch is not the genesis value
--             (batches before it are missing)'
--            'previous_hash does not match batch <id of the batch before it>'
--            'row_count does not match its events (row_count <n>, <m> events
--             found)'
--            'table_name or operation of its events does not match the batch'
--            'hash does not match its contents'
--            '<m> audit events belong to batch <id>, which does not exist'
--   SELECT * FROM carelog.audit_history('attendance', 123);   -- table without schema
--       -> event_id, batch_id, changed_at, transaction_id, db_user,
--          acting_staff, operation, old_values, new_values, changed_columns
--   Head of the chain:
--       SELECT id, hash FROM carelog.audit_batch ORDER BY id DESC LIMIT 1;
--
-- SQLSTATEs raised here
--   42501  UPDATE / DELETE / TRUNCATE / direct INSERT on audit_batch or
--          audit_event ("the audit trail is append-only ...").
--   40001  serialization failure: a REPEATABLE READ / SERIALIZABLE writer lost
--          the race for the head of the chain (retry the transaction).
--   22023  carelog.audit_attach() on a table without a bigint "id" column.
--
-- =============================================================================


-- -----------------------------------------------------------------------------
-- Storage
-- -----------------------------------------------------------------------------

CREATE TABLE carelog.audit_batch (
    id              bigint GENERATED ALWAYS AS IDENTITY
                        (SEQUENCE NAME carelog.audit_batch_id_seq) PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    transaction_id  xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    db_user         text NOT NULL DEFAULT session_user,
    acting_staff    text,
    table_name      text NOT NULL,
    operation       text NOT NULL,
    row_count       integer NOT NULL,
    previous_hash   text NOT NULL,
    hash            text NOT NULL,
    CONSTRAINT audit_batch_operation_check
        CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
    CONSTRAINT audit_batch_row_count_check CHECK (row_count > 0),
    CONSTRAINT audit_batch_previous_hash_check CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT audit_batch_hash_check          CHECK (hash ~ '^[0-9a-f]{64}$'),
    -- The chain cannot fork: no two batches follow the same batch.
    CONSTRAINT audit_batch_previous_hash_key UNIQUE (previous_hash)
);

CREATE INDEX audit_batch_created_at_idx ON carelog.audit_batch (created_at);

COMMENT ON TABLE carelog.audit_batch IS
    'Audit trail, one row per statement that changed an audited table. Append-only (42501 on UPDATE/DELETE/TRUNCATE). Hash-chained: hash = carelog.audit_batch_hash(...) over previous_hash, these fields and the batch''s events; verify with carelog.audit_verify().';
COMMENT ON COLUMN carelog.audit_batch.created_at IS
    'now() of the writing transaction (its start time).';
COMMENT ON COLUMN carelog.audit_batch.transaction_id IS
    'pg_current_xact_id() of the writing transaction.';
COMMENT ON COLUMN carelog.audit_batch.db_user IS
    'session_user: the database login that made the change.';
COMMENT ON COLUMN carelog.audit_batch.acting_staff IS
    'carelog staff_id acting, from the setting carelog.acting_staff (SET LOCAL by the application); NULL when not set.';
COMMENT ON COLUMN carelog.audit_batch.table_name IS
    'Name of the changed table in schema carelog.';
COMMENT ON COLUMN carelog.audit_batch.operation IS
    'INSERT, UPDATE, DELETE or TRUNCATE.';
COMMENT ON COLUMN carelog.audit_batch.row_count IS
    'Number of audit_event rows of this batch (rows changed by the statement).';
COMMENT ON COLUMN carelog.audit_batch.previous_hash IS
    'hash of the batch with the next lower id; 64 zeros for the first batch.';
COMMENT ON COLUMN carelog.audit_batch.hash IS
    'Hex SHA-256, see carelog.audit_batch_hash.';


CREATE TABLE carelog.audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY
                    (SEQUENCE NAME carelog.audit_event_id_seq) PRIMARY KEY,
    batch_id    bigint NOT NULL,
    table_name  text NOT NULL,
    operation   text NOT NULL,
    record_id   bigint NOT NULL,
    old_values  jsonb,
    new_values  jsonb,
    -- No FOREIGN KEY to audit_batch, on purpose (see "Why no foreign key").
    CONSTRAINT audit_event_operation_check
        CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
    CONSTRAINT audit_event_values_check CHECK (
        CASE operation
            WHEN 'INSERT' THEN old_values IS NULL AND new_values IS NOT NULL
            WHEN 'UPDATE' THEN old_values IS NOT NULL AND new_values IS NOT NULL
            ELSE               old_values IS NOT NULL AND new_values IS NULL
        END)
);

CREATE INDEX audit_event_table_name_record_id_idx ON carelog.audit_event (table_name, record_id);
CREATE INDEX audit_event_batch_id_idx ON carelog.audit_event (batch_id);

COMMENT ON TABLE carelog.audit_event IS
    'Audit trail, one row per changed record. Append-only. History of one record: carelog.audit_history(table, id).';
COMMENT ON COLUMN carelog.audit_event.record_id IS
    'Surrogate "id" of the changed row.';
COMMENT ON COLUMN carelog.audit_event.old_values IS
    'to_jsonb of the row before the change; NULL for INSERT. Timestamps in UTC.';
COMMENT ON COLUMN carelog.audit_event.new_values IS
    'to_jsonb of the row after the change; NULL for DELETE and TRUNCATE. Timestamps in UTC.';

REVOKE ALL ON TABLE carelog.audit_batch FROM PUBLIC;
REVOKE ALL ON TABLE carelog.audit_event FROM PUBLIC;
REVOKE ALL ON SEQUENCE carelog.audit_batch_id_seq FROM PUBLIC;
REVOKE ALL ON SEQUENCE carelog.audit_event_id_seq FROM PUBLIC;


-- -----------------------------------------------------------------------------
-- Canonical form and hashes (shared by the writers and by audit_verify)
-- -----------------------------------------------------------------------------

-- Previous hash of the first batch.
CREATE FUNCTION carelog.audit_genesis_hash()
RETURNS text
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN '0000000000000000000000000000000000000000000000000000000000000000';

COMMENT ON FUNCTION carelog.audit_genesis_hash() IS
    'previous_hash of the first audit batch: 64 zeros.';


-- SHA-256 of one event's canonical text. STABLE only because convert_to is;
-- the result depends on nothing but the arguments. SQL-standard body without
-- SET clauses: inlined into the calling query.
--
-- The event's batch_id, table_name and operation are not part of its text:
-- batch_id is implied (the digest is hashed into that batch), and table_name
-- and operation must equal the batch's, which audit_verify checks. Leaving them
-- out saves about a second per million events.
CREATE FUNCTION carelog.audit_event_digest(
    p_id          bigint,
    p_record_id   bigint,
    p_old_values  jsonb,
    p_new_values  jsonb)
RETURNS bytea
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN pg_catalog.sha256(pg_catalog.convert_to(
           coalesce(p_id::text, '')
    || '|' || coalesce(p_record_id::text, '')
    || '|' || coalesce(p_old_values::text, '')
    || '|' || coalesce(p_new_values::text, ''),
    'UTF8'));

COMMENT ON FUNCTION carelog.audit_event_digest(bigint, bigint, jsonb, jsonb) IS
    'SHA-256 (32 bytes) of the UTF-8 text id|record_id|old_values::text|new_values::text of one audit event, NULL written as the empty string.';


-- Hex SHA-256 of one batch: its previous hash, its own fields and the digest of
-- its events (sha256 of the event digests concatenated in event id order).
CREATE FUNCTION carelog.audit_batch_hash(
    p_id              bigint,
    p_created_at      timestamptz,
    p_transaction_id  xid8,
    p_db_user         text,
    p_acting_staff    text,
    p_table_name      text,
    p_operation       text,
    p_row_count       integer,
    p_previous_hash   text,
    p_events_digest   bytea)
RETURNS text
LANGUAGE sql
STABLE PARALLEL SAFE
RETURN pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(
           coalesce(p_previous_hash, '')
    || E'\n' || pg_catalog.json_build_array(
                    p_id,
                    pg_catalog.to_char(p_created_at AT TIME ZONE 'UTC',
                                       'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    p_transaction_id::text,
                    p_db_user,
                    p_acting_staff,
                    p_table_name,
                    p_operation,
                    p_row_count)::text
    || E'\n' || coalesce(pg_catalog.encode(p_events_digest, 'hex'), ''),
    'UTF8')), 'hex');

COMMENT ON FUNCTION carelog.audit_batch_hash(bigint, timestamptz, xid8, text, text, text, text, integer, text, bytea) IS
    'Hex SHA-256 of previous_hash LF json_build_array(id, created_at UTC, transaction_id, db_user, acting_staff, table_name, operation, row_count) LF hex(events digest), as UTF-8. The events digest is sha256 of the batch''s audit_event_digest values concatenated in event id order.';


-- -----------------------------------------------------------------------------
-- Append-only enforcement on the audit tables
-- -----------------------------------------------------------------------------

CREATE FUNCTION carelog.audit_refuse_change()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
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

COMMENT ON FUNCTION carelog.audit_refuse_change() IS
    'Trigger on audit_batch and audit_event: refuses UPDATE, DELETE and TRUNCATE with SQLSTATE 42501.';


CREATE FUNCTION carelog.audit_refuse_direct_insert()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
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

COMMENT ON FUNCTION carelog.audit_refuse_direct_insert() IS
    'Statement trigger on audit_batch and audit_event: refuses INSERTs that do not come from the audit triggers (42501).';

CREATE TRIGGER audit_batch_append_only_row
    BEFORE UPDATE OR DELETE ON carelog.audit_batch
    FOR EACH ROW EXECUTE FUNCTION carelog.audit_refuse_change();
CREATE TRIGGER audit_batch_append_only_statement
    BEFORE UPDATE OR DELETE OR TRUNCATE ON carelog.audit_batch
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_refuse_change();
CREATE TRIGGER audit_batch_insert_only_by_audit
    BEFORE INSERT ON carelog.audit_batch
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_refuse_direct_insert();

CREATE TRIGGER audit_event_append_only_row
    BEFORE UPDATE OR DELETE ON carelog.audit_event
    FOR EACH ROW EXECUTE FUNCTION carelog.audit_refuse_change();
CREATE TRIGGER audit_event_append_only_statement
    BEFORE UPDATE OR DELETE OR TRUNCATE ON carelog.audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_refuse_change();
CREATE TRIGGER audit_event_insert_only_by_audit
    BEFORE INSERT ON carelog.audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION carelog.audit_refuse_direct_insert();

-- Fire even with session_replication_role = replica. (The insert guards keep
-- the default, so that logical replication can apply audit rows on a replica.)
ALTER TABLE carelog.audit_batch ENABLE ALWAYS TRIGGER audit_batch_append_only_row;
ALTER TABLE carelog.audit_batch ENABLE ALWAYS TRIGGER audit_batch_append_only_statement;
ALTER TABLE carelog.audit_event ENABLE ALWAYS TRIGGER audit_event_append_only_row;
ALTER TABLE carelog.audit_event ENABLE ALWAYS TRIGGER audit_event_append_only_statement;


-- -----------------------------------------------------------------------------
-- Writers
-- -----------------------------------------------------------------------------

-- Advisory lock key of the audit chain: AUDIT_LOCK_KEY = 27973166650126183
-- (the ASCII bytes of 'carelog' read as a big-endian integer). Nothing else may
-- use this key.

-- BEFORE statement trigger: take the chain lock before the statement touches
-- any row (see "Concurrency" above). Held until the end of the transaction.
CREATE FUNCTION carelog.audit_lock()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = carelog, pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(27973166650126183);
    RETURN NULL;
END;
$$;

COMMENT ON FUNCTION carelog.audit_lock() IS
    'BEFORE statement trigger on audited tables: takes the audit chain''s transaction-level advisory lock (key 27973166650126183) before any row is written.';


-- AFTER statement trigger for INSERT, UPDATE and DELETE. The transition tables
-- are always named new_rows and old_rows. Each branch is ONE SQL statement:
--     WITH ev AS (INSERT INTO audit_event ... FROM <transition table>
--                 RETURNING id, <event digest>),
--          summary AS (SELECT count(*), sha256(string_agg(digest ORDER BY id))
--                        FROM ev),
--          batch AS (INSERT INTO audit_batch ... <batch hash> FROM summary
--                    WHERE events > 0 ON CONFLICT (previous_hash) DO NOTHING
--                    RETURNING 1)
--     SELECT events, batch rows written
--
-- Plans are cached (re-planning on every call would triple the cost of a
-- one-row statement). enable_nestloop = off keeps a plan made for a one-row
-- statement usable for a million rows: the UPDATE branch then always joins
-- old_rows and new_rows by hash or merge join, never by nested loop; nothing
-- else in this function joins. row_security = off: the
-- head of the chain must be read in full; should row-level security ever hide
-- audit rows from the owner, the trigger fails instead of forking the chain.
-- work_mem: the sort of the event digests (about 80 bytes an event) stays in
-- memory up to some 800,000 events.
CREATE FUNCTION carelog.audit_record()
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
    v_staff     text := nullif(current_setting('carelog.acting_staff', true), '');
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

COMMENT ON FUNCTION carelog.audit_record() IS
    'AFTER INSERT/UPDATE/DELETE statement trigger on audited tables: appends one audit_batch and one audit_event per changed row from the transition tables, in one set-based statement, chained to the previous batch.';


-- BEFORE TRUNCATE statement trigger: record every row about to be removed.
CREATE FUNCTION carelog.audit_record_truncate()
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
    v_staff     text := nullif(current_setting('carelog.acting_staff', true), '');
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

COMMENT ON FUNCTION carelog.audit_record_truncate() IS
    'BEFORE TRUNCATE statement trigger on audited tables: records every row about to be removed as a TRUNCATE batch (old_values = the row).';

-- Firing a trigger does not check EXECUTE privilege.
REVOKE ALL ON FUNCTION carelog.audit_refuse_change() FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.audit_refuse_direct_insert() FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.audit_lock() FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.audit_record() FROM PUBLIC;
REVOKE ALL ON FUNCTION carelog.audit_record_truncate() FROM PUBLIC;


-- Attach the audit triggers to one table. Idempotent. For the tables of later
-- migrations: SELECT carelog.audit_attach('carelog.new_table');
CREATE FUNCTION carelog.audit_attach(p_table regclass)
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
END;
$$;

COMMENT ON FUNCTION carelog.audit_attach(regclass) IS
    'Creates (or replaces) the audit triggers audit_lock, zz_audit_insert, zz_audit_update, zz_audit_delete and zz_audit_truncate on a table with a bigint "id". Call it for every table a later migration adds.';

REVOKE ALL ON FUNCTION carelog.audit_attach(regclass) FROM PUBLIC;


-- Every table of schema carelog existing now, i.e. all tables of 001.
DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN
        SELECT c.oid::regclass
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'carelog'
           AND c.relkind IN ('r', 'p')
           AND NOT c.relispartition
           AND c.relname NOT IN ('audit_batch', 'audit_event', 'schema_migration')
         ORDER BY c.relname
    LOOP
        PERFORM carelog.audit_attach(t);
    END LOOP;
END;
$$;


-- -----------------------------------------------------------------------------
-- Verification and history
-- -----------------------------------------------------------------------------

-- Recompute the whole chain in one pass: one aggregate over audit_event grouped
-- by batch (each event's digest is computed before the sort, so the sort moves
-- 32-byte digests, not jsonb), joined to audit_batch, with lag() over batch id
-- for the links. Reports the lowest batch id with a problem; in one batch the
-- checks are made in the order: link to the previous batch, row_count, the
-- events' table_name and operation, hash. Events whose batch does not exist
-- are reported under that missing batch's id.
-- SECURITY INVOKER: the caller needs SELECT on both audit tables.
CREATE FUNCTION carelog.audit_verify()
RETURNS TABLE (batches_checked bigint, events_checked bigint,
               first_broken_batch bigint, problem text)
LANGUAGE sql
STABLE
SET search_path = carelog, pg_catalog, pg_temp
SET work_mem = '64MB'
BEGIN ATOMIC
    WITH ev AS (
        SELECT d.batch_id,
               count(*) AS events,
               sha256(string_agg(d.digest, ''::bytea ORDER BY d.id)) AS digest,
               min(d.table_name) AS min_table, max(d.table_name) AS max_table,
               min(d.operation)  AS min_op,    max(d.operation)  AS max_op
          FROM (SELECT e.batch_id, e.id, e.table_name, e.operation,
                       carelog.audit_event_digest(e.id, e.record_id,
                                                  e.old_values, e.new_values) AS digest
                  FROM carelog.audit_event AS e) AS d
         GROUP BY d.batch_id
    ), chain AS (
        SELECT b.id, b.row_count, b.previous_hash, b.hash,
               lag(b.id)   OVER (ORDER BY b.id) AS prior_id,
               lag(b.hash) OVER (ORDER BY b.id) AS prior_hash,
               coalesce(ev.events, 0) AS events,
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
                   WHEN c.row_count IS DISTINCT FROM c.events
                       THEN format('row_count does not match its events (row_count %s, %s events found)',
                                   c.row_count, c.events)
                   WHEN c.events_mismatch
                       THEN 'table_name or operation of its events does not match the batch'
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
    'Recomputes the audit hash chain. One row: batches_checked, events_checked, and the first broken batch with what is wrong (NULL, NULL when the chain is intact).';


-- History of one record, oldest first.
CREATE FUNCTION carelog.audit_history(p_table text, p_record_id bigint)
RETURNS TABLE (event_id bigint, batch_id bigint, changed_at timestamptz,
               transaction_id xid8, db_user text, acting_staff text,
               operation text, old_values jsonb, new_values jsonb,
               changed_columns text[])
LANGUAGE sql
STABLE
BEGIN ATOMIC
    SELECT e.id, e.batch_id, b.created_at, b.transaction_id, b.db_user, b.acting_staff,
           e.operation, e.old_values, e.new_values,
           ARRAY(SELECT k.key
                   FROM (SELECT jsonb_object_keys(coalesce(e.old_values, '{}'::jsonb)) AS key
                         UNION
                         SELECT jsonb_object_keys(coalesce(e.new_values, '{}'::jsonb))) AS k
                  WHERE e.old_values -> k.key IS DISTINCT FROM e.new_values -> k.key
                  ORDER BY k.key)
      FROM carelog.audit_event AS e
      JOIN carelog.audit_batch AS b ON b.id = e.batch_id
     WHERE e.table_name = p_table
       AND e.record_id = p_record_id
     ORDER BY e.id;
END;

COMMENT ON FUNCTION carelog.audit_history(text, bigint) IS
    'Audit history of one record (table name without schema, surrogate id), oldest first: when (batch created_at), who (db_user, acting_staff), operation, old and new values, and the columns that changed.';
