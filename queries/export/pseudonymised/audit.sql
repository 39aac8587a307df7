-- Export file audit.csv under --pseudonymize: as audit.sql (which it replaces in this
-- mode), with old and new values through carelog.audit_values_pseudonymized (sql/010):
-- a patient row loses its MRN, names and date of birth and gains its pseudonym, plan
-- and goal codes become their pseudonyms, free text is left out. An event of many rows
-- (sql/012) has each element of its arrays put through the same function, in order.
-- uses: x audit_scoped
SELECT
       ev.id AS event_id,
       ev.batch_id AS batch_id,
       replace(replace(ev.created_at::text, ' ', 'T'), '+00', 'Z') AS changed_at,
       CASE WHEN ev.db_user ~ '^[-=+@\t\r\n'']' THEN '''' || ev.db_user ELSE ev.db_user END AS db_user,
       CASE WHEN ev.acting_staff ~ '^[-=+@\t\r\n'']' THEN '''' || ev.acting_staff ELSE ev.acting_staff END AS acting_staff,
       CASE WHEN ev.table_name ~ '^[-=+@\t\r\n'']' THEN '''' || ev.table_name ELSE ev.table_name END AS table_name,
       CASE WHEN ev.operation ~ '^[-=+@\t\r\n'']' THEN '''' || ev.operation ELSE ev.operation END AS operation,
       ev.record_id AS record_id,
       coalesce(carelog.audit_values_pseudonymized(ev.table_name, ev.old_values, x.ipad, x.opad)::text,
                (SELECT json_agg(carelog.audit_values_pseudonymized(ev.table_name, r.value::jsonb, x.ipad, x.opad)
                                 ORDER BY r.position)
                   FROM json_array_elements(ev.old_rows) WITH ORDINALITY AS r(value, position))::text) AS old_values,
       coalesce(carelog.audit_values_pseudonymized(ev.table_name, ev.new_values, x.ipad, x.opad)::text,
                (SELECT json_agg(carelog.audit_values_pseudonymized(ev.table_name, r.value::jsonb, x.ipad, x.opad)
                                 ORDER BY r.position)
                   FROM json_array_elements(ev.new_rows) WITH ORDINALITY AS r(value, position))::text) AS new_values
  FROM x CROSS JOIN audit_scoped AS ev
 ORDER BY ev.id
