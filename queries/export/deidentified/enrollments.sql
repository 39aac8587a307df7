-- Export file enrollments.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- The group by its code (blocks/group_code.sql).
-- uses: x sel_enrollment patient group_code
SELECT
       gc.code AS group_code,
       p.mrn AS patient,
       extract(year FROM en.starts_on)::int AS starts_year,
       extract(year FROM en.ends_on)::int AS ends_year
  FROM x CROSS JOIN sel_enrollment AS en
  JOIN group_code AS gc ON gc.id = en.group_id
  JOIN patient AS p ON p.id = en.patient_id
 ORDER BY 1, p.sort_key, en.starts_on
