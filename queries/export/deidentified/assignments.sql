-- Export file assignments.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- The therapist by their code (blocks/staff_code.sql).
-- uses: x sel_assignment patient staff_code
SELECT
       p.mrn AS patient,
       sc.code AS staff_id,
       CASE WHEN a.role ~ '^[-=+@\t\r\n'']' THEN '''' || a.role ELSE a.role END AS role,
       extract(year FROM a.starts_on)::int AS starts_year,
       extract(year FROM a.ends_on)::int AS ends_year
  FROM x CROSS JOIN sel_assignment AS a
  JOIN patient AS p ON p.id = a.patient_id
  JOIN staff_code AS sc ON sc.id = a.therapist_id
 ORDER BY p.sort_key, a.starts_on, 2, a.role COLLATE "C"
