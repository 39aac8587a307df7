-- Export file audit.csv, in the clear: the audit events of the period the export may
-- disclose (blocks/audit_scoped.sql: by UTC calendar date; with --site or --basis
-- consent, only the events of the records it exports).
-- pseudonymised/audit.sql and deidentified/audit.sql replace it in those modes.
-- uses: x audit_scoped
-- old_values and new_values are the stored text: a row's jsonb, or for an event of many
-- rows (sql/012, record_id empty) the json array of its rows, exactly as hashed into the
-- chain (under --site or consent, only the array elements the export may disclose:
-- blocks/audit_scoped.sql). Both always start with "{" or "[", so they need no
-- spreadsheet guard.
SELECT
       ev.id AS event_id,
       ev.batch_id AS batch_id,
       replace(replace(ev.created_at::text, ' ', 'T'), '+00', 'Z') AS changed_at,
       CASE WHEN ev.db_user ~ '^[-=+@\t\r\n'']' THEN '''' || ev.db_user ELSE ev.db_user END AS db_user,
       CASE WHEN ev.acting_staff ~ '^[-=+@\t\r\n'']' THEN '''' || ev.acting_staff ELSE ev.acting_staff END AS acting_staff,
       CASE WHEN ev.table_name ~ '^[-=+@\t\r\n'']' THEN '''' || ev.table_name ELSE ev.table_name END AS table_name,
       CASE WHEN ev.operation ~ '^[-=+@\t\r\n'']' THEN '''' || ev.operation ELSE ev.operation END AS operation,
       ev.record_id AS record_id,
       coalesce(ev.old_values::text, ev.old_rows::text) AS old_values,
       coalesce(ev.new_values::text, ev.new_rows::text) AS new_values
  FROM audit_scoped AS ev
 ORDER BY ev.id
