-- =============================================================================
-- carelog — 012_bulk_audit_events.sql: a bulk statement's rows recorded
-- compactly, one audit event per patient (issue 16, SPEC §5 and §7)
-- =============================================================================
--
-- Why
--
--   002 records one audit_event per changed row: to_jsonb of the row, a SHA-256
--   of its text, a heap tuple and three B-tree entries. For an import of a
--   million attendance rows that was the largest single cost of the import
--   (measured with scripts/bench-import: about two thirds of the time of psql's
--   \copy into attendance with every trigger, the schema's own floor). SPEC §5
--   allows a chain "per row, or per batch of rows written by one statement, so
--   that bulk imports stay fast".
--
-- What changes
--
--   A statement that changes at least 1,000 rows of an audited table (an
--   import, a seed, a bulk correction) writes, instead of one event per row, one
--   event per PATIENT the rows belong to (and per block of 65,536 row ids, so
--   that no value comes near PostgreSQL's 1 GB limit):
--
--     record_id    NULL: the event is about many records
--     patient_id   the patient every row of the event belongs to (the row's
--                  patient_id; a patient row's own id; NULL for tables that
--                  name no patient), as carelog.audit_event_patient_id finds it
--                  for a one-row event
--     old_rows     json array of the rows before the change (UPDATE, DELETE)
--     new_rows     json array of the rows after the change (INSERT, UPDATE);
--                  for an UPDATE the two arrays are in the same (id) order
--
--   Each element is the row as row_to_json writes it: every column, "id"
--   included, timestamps in UTC — the same keys and values as the jsonb of a
--   one-row event, in column order. json, not jsonb: it is written as
--   aggregated, without re-parsing, which halves the cost per row, and the text
--   that is hashed is the text that is stored. Statements of fewer rows (every
--   interactive change) are recorded one event per row, exactly as before.
--
--   One event per patient keeps row-level security exact where it matters: the
--   policies of 008 decide by the patient an event is about, and every row of a
--   bulk event is about the same patient. The one exception: a therapist who
--   sees attendance because it facilitates the session (not because the patient
--   is in its caseload) sees one-row events only; a bulk event spans sessions of
--   many facilitators and is not shown to it (never too much, possibly too
--   little; `carelog audit log` of such a patient needs a director then).
--
--   Readers see one row per changed record through the view carelog.audit_change
--   (security_invoker: the policies of audit_event apply), which unnests the
--   arrays; `carelog audit log --mrn` reads it.
--
-- Hash chain
--
--   Unchanged in form. The digest of a bulk event is that of 002 with its stored
--   text: sha256(UTF-8 of id|record_id|old|new) where record_id is '' (NULL)
--   and old/new are the json text of old_rows/new_rows (carelog.audit_rows_digest);
--   a program outside the database recomputes it from the exported text exactly as
--   for a one-row event. A batch's row_count is the number of ROWS changed, so
--   audit_verify counts the elements of bulk events; it checks, too, that every
--   element of a bulk event names the event's patient.
--
-- Cost (psql \copy of 1,000,000 resolved rows into attendance with every
-- trigger, the floor row of scripts/bench-import; 2 cores at load average 10,
-- so about 5x a quiet machine's times): carelog.audit_record 68.8 s -> 14.1 s;
-- the json_agg of the rows is most of what is left (row_to_json costs about half
-- of to_jsonb, and one SHA-256 over an event's text replaces a million).
--
-- Applied by a superuser (008); the migrator hands the new objects to the owner.
-- =============================================================================

ALTER TABLE carelog.audit_event
    ADD COLUMN patient_id bigint,
    ADD COLUMN old_rows json,
    ADD COLUMN new_rows json,
    ALTER COLUMN record_id DROP NOT NULL;

-- lz4 compresses the large arrays about as well as the default (pglz) at a
-- fraction of its cost; servers built without lz4 keep the default.
DO $$
BEGIN
    ALTER TABLE carelog.audit_event
        ALTER COLUMN old_rows SET COMPRESSION lz4,
        ALTER COLUMN new_rows SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    NULL;
END;
$$;

ALTER TABLE carelog.audit_event
    DROP CONSTRAINT audit_event_values_check,
    ADD CONSTRAINT audit_event_values_check CHECK (
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
        END);

COMMENT ON COLUMN carelog.audit_event.record_id IS
    'Surrogate "id" of the changed row; NULL for an event of many rows (old_rows, new_rows).';
COMMENT ON COLUMN carelog.audit_event.patient_id IS
    'For an event of many rows: the patient all its rows belong to (NULL for tables that name no patient). NULL for a one-row event (see carelog.audit_event_patient_id).';
COMMENT ON COLUMN carelog.audit_event.old_rows IS
    'For an event of many rows (a statement that changed 1,000 rows or more): json array of the rows before the change, row_to_json of each, in the order of new_rows. NULL otherwise.';
COMMENT ON COLUMN carelog.audit_event.new_rows IS
    'For an event of many rows: json array of the rows after the change. NULL otherwise.';
COMMENT ON TABLE carelog.audit_event IS
    'Audit trail: one row per changed record, or for a statement that changed 1,000 rows or more one row per patient holding its rows (old_rows, new_rows). Append-only. Read one row per record through carelog.audit_change.';


-- The digest of an event of many rows: 002's event digest over its stored text,
-- record_id empty.
CREATE FUNCTION carelog.audit_rows_digest(p_id bigint, p_old_rows json, p_new_rows json)
RETURNS bytea
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
RETURN pg_catalog.sha256(pg_catalog.convert_to(
           coalesce(p_id::text, '')
    || '||' || coalesce(p_old_rows::text, '')
    || '|'  || coalesce(p_new_rows::text, ''),
    'UTF8'));

COMMENT ON FUNCTION carelog.audit_rows_digest(bigint, json, json) IS
    'SHA-256 of the UTF-8 text id||old_rows::text|new_rows::text of an audit event of many rows (record_id empty), NULL written as the empty string: carelog.audit_event_digest''s text for such an event.';


-- One row per changed record, whether its event holds one row or many. The
-- policies of audit_event apply (security_invoker). position numbers the rows of
-- an event of many rows (1, 2, ...; 0 for a one-row event).
CREATE VIEW carelog.audit_change WITH (security_invoker = true) AS
SELECT e.id AS event_id, e.batch_id, e.table_name, e.operation, e.record_id,
       carelog.audit_event_patient_id(e.table_name, e.record_id, e.new_values, e.old_values) AS patient_id,
       e.old_values, e.new_values, 0::bigint AS position
  FROM carelog.audit_event AS e
 WHERE e.record_id IS NOT NULL
UNION ALL
SELECT e.id, e.batch_id, e.table_name, e.operation,
       (coalesce(r.new_row, r.old_row) ->> 'id')::bigint,
       e.patient_id,
       r.old_row::jsonb, r.new_row::jsonb, r.position
  FROM carelog.audit_event AS e
 CROSS JOIN LATERAL ROWS FROM (json_array_elements(e.old_rows), json_array_elements(e.new_rows))
       WITH ORDINALITY AS r(old_row, new_row, position)
 WHERE e.record_id IS NULL;

COMMENT ON VIEW carelog.audit_change IS
    'The audit trail one row per changed record: one-row events as they are, events of many rows unnested (position 1, 2, ...). old_values/new_values as jsonb; patient_id the patient the change is about (or NULL). Row-level security of audit_event applies.';

GRANT SELECT ON carelog.audit_change TO carelog_therapist, carelog_director, carelog_auditor;


-- Row-level security: a bulk event is about the patient in its patient_id.
DROP POLICY director_read ON carelog.audit_event;
CREATE POLICY director_read ON carelog.audit_event
    FOR SELECT TO carelog_director
    USING ((SELECT carelog.login_site_id()) IS NULL
           OR coalesce(patient_id, carelog.audit_event_patient_id(table_name, record_id, new_values, old_values))
              IN (SELECT carelog.site_patient_ids()));

DROP POLICY therapist_read ON carelog.audit_event;
CREATE POLICY therapist_read ON carelog.audit_event
    FOR SELECT TO carelog_therapist
    USING (coalesce(patient_id, carelog.audit_event_patient_id(table_name, record_id, new_values, old_values))
               IN (SELECT carelog.caseload_patient_ids())
           OR (table_name = 'attendance'
               AND (coalesce(new_values, old_values) ->> 'session_id')::bigint
                   IN (SELECT carelog.facilitated_session_ids())));


-- -----------------------------------------------------------------------------
-- The writer
-- -----------------------------------------------------------------------------
-- As 008's, plus the bulk path. A statement of 1,000 rows or more is recorded by
-- one statement built for its table (the patient column depends on the table):
--     WITH chunk AS (SELECT patient, json_agg(rows) FROM <transition table>
--                     GROUP BY patient, id / 65536),
--          ev AS (INSERT INTO audit_event ... RETURNING id, digest), summary,
--          batch  -- as in 002
-- GROUP BY is a hash aggregate: one pass over the transition table, no sort; it
-- holds the json of the statement's rows (about 130 bytes a row) until the
-- events are written. Should a value still exceed PostgreSQL's limits (rows of
-- very long text), the statement is recorded one event per row instead.
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
$$;


-- -----------------------------------------------------------------------------
-- Verification
-- -----------------------------------------------------------------------------
-- As 002's, with events of many rows: their digest is audit_rows_digest, they
-- count as many rows as they hold, and each of their rows must name the event's
-- patient (or the event names none and neither do they) — otherwise a row could be
-- moved into an event its patient's readers cannot see without breaking a hash.
-- Still one pass over audit_event grouped by batch; a bulk event's json is read
-- once (its text for the digest, its elements for the count and the patients).
CREATE OR REPLACE FUNCTION carelog.audit_verify()
RETURNS TABLE (batches_checked bigint, events_checked bigint,
               first_broken_batch bigint, problem text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = carelog, pg_catalog, pg_temp
SET work_mem = '64MB'
BEGIN ATOMIC
    WITH ev AS (
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
    'Recomputes the audit hash chain, events of many rows included. One row: batches_checked, events_checked, and the first broken batch with what is wrong (NULL, NULL when the chain is intact).';
