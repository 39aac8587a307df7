-- Export file assignments.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- uses: x sel_assignment patient
SELECT
       p.mrn AS patient,
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS staff_id,
       CASE WHEN a.role ~ '^[-=+@\t\r\n'']' THEN '''' || a.role ELSE a.role END AS role,
       extract(year FROM a.starts_on)::int AS starts_year,
       extract(year FROM a.ends_on)::int AS ends_year
  FROM x CROSS JOIN sel_assignment AS a
  JOIN patient AS p ON p.id = a.patient_id
  JOIN carelog.staff AS sf ON sf.id = a.therapist_id
 ORDER BY p.sort_key, a.starts_on, sf.staff_id COLLATE "C", a.role COLLATE "C"
