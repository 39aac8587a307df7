-- Export file patients.csv under --deidentify: the patients the exported rows refer
-- to (ids from references.sql) by pseudonym, without names or dates of birth.
-- Replaces patients.sql in this mode.
-- uses: x patient
SELECT
       p.mrn AS mrn,
       CASE WHEN p.gender ~ '^[-=+@\t\r\n'']' THEN '''' || p.gender ELSE p.gender END AS gender,
       CASE WHEN st.site_code ~ '^[-=+@\t\r\n'']' THEN '''' || st.site_code ELSE st.site_code END AS site_code
  FROM x CROSS JOIN patient AS p
  JOIN carelog.site AS st ON st.id = p.site_id
 WHERE p.id IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[]))
 ORDER BY p.mrn COLLATE "C"
