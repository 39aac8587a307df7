-- The audit history of one patient's records, newest first: the changes of the patient
-- row itself and of every row whose values name the patient (patient_id), with when
-- (UTC), who (database user, acting staff member or -), what record by its natural key
-- (carelog.audit_record_label: `AA-AM 2026-10-05 07:30 00913`), and for an update the
-- changed columns as `column: old -> new` in natural keys (carelog.audit_natural_values:
-- `corrected_by: null -> T001`, keys in name order), and `total`, the number of changes
-- before the limit (to say when the list was cut).
-- One line per changed record: read from carelog.audit_change, which unnests the
-- events of many rows a bulk statement writes (sql/012); those are found by their
-- patient_id before their rows are read.
-- $1 text     a table name without schema to keep only its changes, or NULL for all
-- $2 bigint   the patient's surrogate id
-- $3 integer  at most this many changes
-- $4 boolean  true to leave out the records' first writes (INSERT): changes only
SELECT to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"') AS changed_at,
       b.db_user, coalesce(b.acting_staff, '-') AS acting_staff, c.operation, c.table_name,
       carelog.audit_record_label(c.table_name, coalesce(n.new_values, n.old_values)) AS record,
       CASE c.operation
           WHEN 'UPDATE' THEN (
               SELECT string_agg(format('%s: %s -> %s', k, coalesce(n.old_values ->> k, 'null'),
                                        coalesce(n.new_values ->> k, 'null')), '; ' ORDER BY k)
                 FROM jsonb_object_keys(n.new_values) AS k
                WHERE n.old_values -> k IS DISTINCT FROM n.new_values -> k)
           WHEN 'INSERT' THEN 'created'
           ELSE 'deleted'
       END AS change,
       count(*) OVER () AS total
  FROM carelog.audit_change AS c
  JOIN carelog.audit_batch AS b ON b.id = c.batch_id
 CROSS JOIN LATERAL (SELECT carelog.audit_natural_values(c.old_values) AS old_values,
                            carelog.audit_natural_values(c.new_values) AS new_values) AS n
 WHERE ($1::text IS NULL OR c.table_name = $1::text)
   AND c.patient_id = $2
   AND NOT ($4::boolean AND c.operation = 'INSERT')
 ORDER BY c.event_id DESC, c.position DESC
 LIMIT $3
