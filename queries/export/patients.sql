-- Export file patients.csv, in the clear: the patients the exported rows refer to
-- (ids from references.sql). pseudonymised/patients.sql replaces it under --deidentify.
-- uses: x patient
SELECT
       p.mrn AS mrn,
       CASE WHEN p.first_name ~ '^[-=+@\t\r\n'']' THEN '''' || p.first_name ELSE p.first_name END AS first_name,
       CASE WHEN p.last_name ~ '^[-=+@\t\r\n'']' THEN '''' || p.last_name ELSE p.last_name END AS last_name,
       p.date_of_birth AS date_of_birth,
       CASE WHEN p.gender ~ '^[-=+@\t\r\n'']' THEN '''' || p.gender ELSE p.gender END AS gender,
       CASE WHEN st.site_code ~ '^[-=+@\t\r\n'']' THEN '''' || st.site_code ELSE st.site_code END AS site_code
  FROM x CROSS JOIN patient AS p
  JOIN carelog.site AS st ON st.id = p.site_id
 WHERE p.id IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[]))
 ORDER BY p.mrn COLLATE "C"
