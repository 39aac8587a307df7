-- Export file audit.csv, in the clear: the audit events whose batch was written in
-- the period, by UTC calendar date, all sites (the trail belongs to no site).
-- pseudonymised/audit.sql replaces it under --deidentify.
-- uses: x
-- old_values and new_values are the stored text: a row's jsonb, or for an event of many
-- rows (sql/012, record_id empty) the json array of its rows, exactly as hashed into the
-- chain. Both always start with "{" or "[", so they need no spreadsheet guard.
SELECT
       ev.id AS event_id,
       ev.batch_id AS batch_id,
       replace(replace(b.created_at::text, ' ', 'T'), '+00', 'Z') AS changed_at,
       CASE WHEN b.db_user ~ '^[-=+@\t\r\n'']' THEN '''' || b.db_user ELSE b.db_user END AS db_user,
       CASE WHEN b.acting_staff ~ '^[-=+@\t\r\n'']' THEN '''' || b.acting_staff ELSE b.acting_staff END AS acting_staff,
       CASE WHEN ev.table_name ~ '^[-=+@\t\r\n'']' THEN '''' || ev.table_name ELSE ev.table_name END AS table_name,
       CASE WHEN ev.operation ~ '^[-=+@\t\r\n'']' THEN '''' || ev.operation ELSE ev.operation END AS operation,
       ev.record_id AS record_id,
       coalesce(ev.old_values::text, ev.old_rows::text) AS old_values,
       coalesce(ev.new_values::text, ev.new_rows::text) AS new_values
  FROM x CROSS JOIN carelog.audit_batch AS b
  JOIN carelog.audit_event AS ev ON ev.batch_id = b.id
 WHERE b.created_at >= x.audit_from AND b.created_at < x.audit_until
 ORDER BY ev.id
