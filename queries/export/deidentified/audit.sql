-- Export file audit.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- Who changed which table, how, in which year: the row's values (which hold dates,
-- surrogate ids and free text) are left out, and so is the record id; changed_columns
-- names the columns an UPDATE changed (every column of an INSERT or DELETE); for an
-- event of many rows (sql/012) each row is judged as a one-row event and the names
-- are those of all its rows, each once.
-- The login as 'U-' and 16 hex digits of HMAC(key, 'login:' || login), the acting
-- staff member by their code (as blocks/staff_code.sql): logins and staff ids name people.
-- uses: x audit_scoped
SELECT
       ev.id AS event_id,
       ev.batch_id AS batch_id,
       extract(year FROM ev.created_at AT TIME ZONE 'UTC')::int AS changed_year,
       'U-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('login:' || ev.db_user, 'UTF8'))) FROM 1 FOR 8), 'hex') AS db_user,
       'ST-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('staff:' || ev.acting_staff, 'UTF8'))) FROM 1 FOR 8), 'hex') AS acting_staff,
       CASE WHEN ev.table_name ~ '^[-=+@\t\r\n'']' THEN '''' || ev.table_name ELSE ev.table_name END AS table_name,
       CASE WHEN ev.operation ~ '^[-=+@\t\r\n'']' THEN '''' || ev.operation ELSE ev.operation END AS operation,
       (SELECT string_agg(DISTINCT k.key, ' ' ORDER BY k.key)
          FROM (SELECT ev.old_values AS old_row, ev.new_values AS new_row
                 WHERE ev.record_id IS NOT NULL
                UNION ALL
                SELECT r.old_row::jsonb, r.new_row::jsonb
                  FROM ROWS FROM (json_array_elements(ev.old_rows), json_array_elements(ev.new_rows))
                       AS r(old_row, new_row)
                 WHERE ev.record_id IS NULL) AS v
         CROSS JOIN LATERAL jsonb_object_keys(coalesce(v.new_row, v.old_row)) AS k(key)
         WHERE v.old_row IS NULL OR v.new_row IS NULL
            OR v.old_row -> k.key IS DISTINCT FROM v.new_row -> k.key) AS changed_columns
  FROM x CROSS JOIN audit_scoped AS ev
 ORDER BY ev.id
