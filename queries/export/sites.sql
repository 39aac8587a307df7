-- Export file sites.csv: the sites the exported rows refer to (ids from references.sql).
-- uses: x
-- Text columns here and in every export file carry the spreadsheet guard of docs/spreadsheets.md,
-- made reversible: a value starting with =, +, -, @, tab, CR, LF or ' itself gets one
-- more leading ', so `import bundle` drops exactly one leading ' from a text cell that
-- has one (SpreadsheetEscaping; a test holds every file to this exact pattern). NULL
-- stays NULL; numbers, dates and instants are never altered.
SELECT
       CASE WHEN st.site_code ~ '^[-=+@\t\r\n'']' THEN '''' || st.site_code ELSE st.site_code END AS site_code,
       CASE WHEN st.name ~ '^[-=+@\t\r\n'']' THEN '''' || st.name ELSE st.name END AS name,
       CASE WHEN st.timezone ~ '^[-=+@\t\r\n'']' THEN '''' || st.timezone ELSE st.timezone END AS timezone
  FROM x CROSS JOIN carelog.site AS st
 WHERE st.id IN (SELECT unnest(current_setting('carelog.export_sites')::bigint[]))
 ORDER BY st.site_code COLLATE "C"
