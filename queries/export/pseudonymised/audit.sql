-- Export file audit.csv under --deidentify: as audit.sql (which it replaces in this
-- mode), but the old and new values of a patient row lose the MRN, the names and the
-- date of birth and gain the pseudonym (computed as in pseudonymised/blocks/patient.sql).
-- An event of many rows of the patient table (sql/012) has each of its rows treated so.
-- Other tables refer to patients by surrogate id only and are left as they are.
-- uses: x
SELECT
       ev.id AS event_id,
       ev.batch_id AS batch_id,
       replace(replace(b.created_at::text, ' ', 'T'), '+00', 'Z') AS changed_at,
       CASE WHEN b.db_user ~ '^[-=+@\t\r\n'']' THEN '''' || b.db_user ELSE b.db_user END AS db_user,
       CASE WHEN b.acting_staff ~ '^[-=+@\t\r\n'']' THEN '''' || b.acting_staff ELSE b.acting_staff END AS acting_staff,
       CASE WHEN ev.table_name ~ '^[-=+@\t\r\n'']' THEN '''' || ev.table_name ELSE ev.table_name END AS table_name,
       CASE WHEN ev.operation ~ '^[-=+@\t\r\n'']' THEN '''' || ev.operation ELSE ev.operation END AS operation,
       ev.record_id AS record_id,
       CASE WHEN ev.table_name = 'patient' AND ev.old_values IS NOT NULL
            THEN ((ev.old_values - ARRAY['mrn', 'first_name', 'last_name', 'date_of_birth'])
                  || jsonb_build_object('pseudonym', 'P-' || encode(substring(sha256(x.opad || sha256(x.ipad
                         || convert_to((ev.old_values ->> 'mrn'), 'UTF8'))) FROM 1 FOR 8), 'hex')))::text
            WHEN ev.table_name = 'patient' AND ev.old_rows IS NOT NULL
            THEN (SELECT jsonb_agg((r.v - ARRAY['mrn', 'first_name', 'last_name', 'date_of_birth'])
                                   || jsonb_build_object('pseudonym', 'P-' || encode(substring(sha256(x.opad || sha256(x.ipad
                                          || convert_to((r.v ->> 'mrn'), 'UTF8'))) FROM 1 FOR 8), 'hex')) ORDER BY r.i)
                    FROM jsonb_array_elements(ev.old_rows::jsonb) WITH ORDINALITY AS r(v, i))::text
            ELSE coalesce(ev.old_values::text, ev.old_rows::text) END AS old_values,
       CASE WHEN ev.table_name = 'patient' AND ev.new_values IS NOT NULL
            THEN ((ev.new_values - ARRAY['mrn', 'first_name', 'last_name', 'date_of_birth'])
                  || jsonb_build_object('pseudonym', 'P-' || encode(substring(sha256(x.opad || sha256(x.ipad
                         || convert_to((ev.new_values ->> 'mrn'), 'UTF8'))) FROM 1 FOR 8), 'hex')))::text
            WHEN ev.table_name = 'patient' AND ev.new_rows IS NOT NULL
            THEN (SELECT jsonb_agg((r.v - ARRAY['mrn', 'first_name', 'last_name', 'date_of_birth'])
                                   || jsonb_build_object('pseudonym', 'P-' || encode(substring(sha256(x.opad || sha256(x.ipad
                                          || convert_to((r.v ->> 'mrn'), 'UTF8'))) FROM 1 FOR 8), 'hex')) ORDER BY r.i)
                    FROM jsonb_array_elements(ev.new_rows::jsonb) WITH ORDINALITY AS r(v, i))::text
            ELSE coalesce(ev.new_values::text, ev.new_rows::text) END AS new_values
  FROM x CROSS JOIN carelog.audit_batch AS b
  JOIN carelog.audit_event AS ev ON ev.batch_id = b.id
 WHERE b.created_at >= x.audit_from AND b.created_at < x.audit_until
 ORDER BY ev.id
