-- Export file staff.csv: the staff members the exported rows refer to (ids from
-- references.sql), in the clear in every mode: the auditor needs to know who did what.
-- uses: x
SELECT
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS staff_id,
       CASE WHEN sf.first_name ~ '^[-=+@\t\r\n'']' THEN '''' || sf.first_name ELSE sf.first_name END AS first_name,
       CASE WHEN sf.last_name ~ '^[-=+@\t\r\n'']' THEN '''' || sf.last_name ELSE sf.last_name END AS last_name,
       CASE WHEN sf.role ~ '^[-=+@\t\r\n'']' THEN '''' || sf.role ELSE sf.role END AS role,
       CASE WHEN sf.credentials ~ '^[-=+@\t\r\n'']' THEN '''' || sf.credentials ELSE sf.credentials END AS credentials,
       CASE WHEN st.site_code ~ '^[-=+@\t\r\n'']' THEN '''' || st.site_code ELSE st.site_code END AS site_code,
       CASE WHEN sf.active THEN 'true' ELSE 'false' END AS active
  FROM x CROSS JOIN carelog.staff AS sf
  JOIN carelog.site AS st ON st.id = sf.site_id
 WHERE sf.id IN (SELECT unnest(current_setting('carelog.export_staff')::bigint[]))
 ORDER BY sf.staff_id COLLATE "C"
