-- Export file audit.csv under --pseudonymize: as audit.sql (which it replaces in this
-- mode), with old and new values through carelog.audit_values_pseudonymized (sql/010):
-- a patient row loses its MRN, names and date of birth and gains its pseudonym, plan
-- and goal codes become their pseudonyms, free text is left out. An event of many rows
-- (sql/012) has each element of its arrays put through the same function, in order.
-- The login as 'U-' and 16 hex digits of HMAC(key, 'login:' || login), the acting
-- staff member by their code (as blocks/staff_code.sql): logins and staff ids name people.
-- uses: x audit_scoped
SELECT
       ev.id AS event_id,
       ev.batch_id AS batch_id,
       replace(replace(ev.created_at::text, ' ', 'T'), '+00', 'Z') AS changed_at,
       'U-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('login:' || ev.db_user, 'UTF8'))) FROM 1 FOR 8), 'hex') AS db_user,
       'ST-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('staff:' || ev.acting_staff, 'UTF8'))) FROM 1 FOR 8), 'hex') AS acting_staff,
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
