-- Export file audit.csv, in the clear: the audit events whose batch was written in
-- the period, by UTC calendar date, all sites (the trail belongs to no site).
-- pseudonymised/audit.sql replaces it under --deidentify.
-- uses: x
-- jsonb text always starts with "{", so old_values and new_values need no spreadsheet guard.
SELECT
       ev.id AS event_id,
       ev.batch_id AS batch_id,
       replace(replace(b.created_at::text, ' ', 'T'), '+00', 'Z') AS changed_at,
       CASE WHEN b.db_user ~ '^[-=+@\t\r\n'']' THEN '''' || b.db_user ELSE b.db_user END AS db_user,
       CASE WHEN b.acting_staff ~ '^[-=+@\t\r\n'']' THEN '''' || b.acting_staff ELSE b.acting_staff END AS acting_staff,
       CASE WHEN ev.table_name ~ '^[-=+@\t\r\n'']' THEN '''' || ev.table_name ELSE ev.table_name END AS table_name,
       CASE WHEN ev.operation ~ '^[-=+@\t\r\n'']' THEN '''' || ev.operation ELSE ev.operation END AS operation,
       ev.record_id AS record_id,
       ev.old_values::text AS old_values,
       ev.new_values::text AS new_values
  FROM x CROSS JOIN carelog.audit_batch AS b
  JOIN carelog.audit_event AS ev ON ev.batch_id = b.id
 WHERE b.created_at >= x.audit_from AND b.created_at < x.audit_until
 ORDER BY ev.id
