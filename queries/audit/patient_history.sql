-- The audit history of one patient's records, newest first: the events of the patient
-- row itself and of every row whose values name the patient (patient_id), with when
-- (UTC), who (database user, acting staff member or -), what, and for an update the
-- changed columns as `column: old -> new` (keys of the new row, in name order), and
-- `total`, the number of events before the limit (to say when the list was cut).
-- $1 text     a table name without schema to keep only its events, or NULL for all
-- $2 bigint   the patient's surrogate id
-- $3 integer  at most this many events
SELECT to_char(b.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"') AS changed_at,
       b.db_user, coalesce(b.acting_staff, '-') AS acting_staff, e.operation, e.table_name, e.record_id,
       CASE e.operation
           WHEN 'UPDATE' THEN (
               SELECT string_agg(format('%s: %s -> %s', k, coalesce(e.old_values ->> k, 'null'),
                                        coalesce(e.new_values ->> k, 'null')), '; ' ORDER BY k)
                 FROM jsonb_object_keys(e.new_values) AS k
                WHERE e.old_values -> k IS DISTINCT FROM e.new_values -> k)
           WHEN 'INSERT' THEN 'created'
           ELSE 'deleted'
       END AS change,
       count(*) OVER () AS total
  FROM carelog.audit_event AS e
  JOIN carelog.audit_batch AS b ON b.id = e.batch_id
 WHERE ($1::text IS NULL OR e.table_name = $1::text)
   AND ((e.table_name = 'patient' AND e.record_id = $2)
        OR (coalesce(e.new_values, e.old_values) ->> 'patient_id')::bigint = $2)
 ORDER BY e.id DESC
 LIMIT $3
