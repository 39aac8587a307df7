-- The audit history of one patient's records, newest first: the changes of the patient
-- row itself and of every row whose values name the patient (patient_id), with when
-- (UTC), who (database user, acting staff member or -), what, and for an update the
-- changed columns as `column: old -> new` (keys of the new row, in name order), and
-- `total`, the number of changes before the limit (to say when the list was cut).
-- One line per changed record: read from carelog.audit_change, which unnests the
-- events of many rows a bulk statement writes (sql/012); those are found by their
-- patient_id before their rows are read.
-- $1 text     a table name without schema to keep only its changes, or NULL for all
-- $2 bigint   the patient's surrogate id
-- $3 integer  at most this many changes
SELECT to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"') AS changed_at,
       b.db_user, coalesce(b.acting_staff, '-') AS acting_staff, c.operation, c.table_name, c.record_id,
       CASE c.operation
           WHEN 'UPDATE' THEN (
               SELECT string_agg(format('%s: %s -> %s', k, coalesce(c.old_values ->> k, 'null'),
                                        coalesce(c.new_values ->> k, 'null')), '; ' ORDER BY k)
                 FROM jsonb_object_keys(c.new_values) AS k
                WHERE c.old_values -> k IS DISTINCT FROM c.new_values -> k)
           WHEN 'INSERT' THEN 'created'
           ELSE 'deleted'
       END AS change,
       count(*) OVER () AS total
  FROM carelog.audit_change AS c
  JOIN carelog.audit_batch AS b ON b.id = c.batch_id
 WHERE ($1::text IS NULL OR c.table_name = $1::text)
   AND c.patient_id = $2
 ORDER BY c.event_id DESC, c.position DESC
 LIMIT $3
