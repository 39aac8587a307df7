-- Export file patients.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- Columns: the random identifier, the age group instead of the date of birth, gender, site.
-- uses: x patient
SELECT
       p.mrn AS patient,
       p.age AS age,
       CASE WHEN p.gender ~ '^[-=+@\t\r\n'']' THEN '''' || p.gender ELSE p.gender END AS gender,
       CASE WHEN st.site_code ~ '^[-=+@\t\r\n'']' THEN '''' || st.site_code ELSE st.site_code END AS site_code
  FROM x CROSS JOIN patient AS p
  JOIN carelog.site AS st ON st.id = p.site_id
 ORDER BY p.sort_key
