-- Export file audit.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- Who changed which table, how, in which year: the row's values (which hold dates,
-- surrogate ids and free text) are left out, and so is the record id; changed_columns
-- names the columns an UPDATE changed (every column of an INSERT or DELETE).
-- uses: x audit_scoped
SELECT
       ev.id AS event_id,
       ev.batch_id AS batch_id,
       extract(year FROM ev.created_at AT TIME ZONE 'UTC')::int AS changed_year,
       CASE WHEN ev.db_user ~ '^[-=+@\t\r\n'']' THEN '''' || ev.db_user ELSE ev.db_user END AS db_user,
       CASE WHEN ev.acting_staff ~ '^[-=+@\t\r\n'']' THEN '''' || ev.acting_staff ELSE ev.acting_staff END AS acting_staff,
       CASE WHEN ev.table_name ~ '^[-=+@\t\r\n'']' THEN '''' || ev.table_name ELSE ev.table_name END AS table_name,
       CASE WHEN ev.operation ~ '^[-=+@\t\r\n'']' THEN '''' || ev.operation ELSE ev.operation END AS operation,
       (SELECT string_agg(k.key, ' ' ORDER BY k.key)
          FROM jsonb_object_keys(coalesce(ev.new_values, ev.old_values)) AS k(key)
         WHERE ev.old_values IS NULL OR ev.new_values IS NULL
            OR ev.old_values -> k.key IS DISTINCT FROM ev.new_values -> k.key) AS changed_columns
  FROM x CROSS JOIN audit_scoped AS ev
 ORDER BY ev.id
