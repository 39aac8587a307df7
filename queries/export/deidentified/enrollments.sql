-- Export file enrollments.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- uses: x sel_enrollment patient
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       p.mrn AS patient,
       extract(year FROM en.starts_on)::int AS starts_year,
       extract(year FROM en.ends_on)::int AS ends_year
  FROM x CROSS JOIN sel_enrollment AS en
  JOIN carelog.care_group AS g ON g.id = en.group_id
  JOIN patient AS p ON p.id = en.patient_id
 ORDER BY g.group_code COLLATE "C", p.sort_key, en.starts_on
