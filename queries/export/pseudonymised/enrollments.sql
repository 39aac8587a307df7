-- Export file enrollments.csv under --pseudonymize: groups by their keyed codes
-- (blocks/group_code.sql), patients by pseudonym.
-- uses: x sel_enrollment patient group_code
SELECT
       gc.code AS group_code,
       p.mrn AS mrn,
       en.starts_on AS starts_on,
       en.ends_on AS ends_on
  FROM x CROSS JOIN sel_enrollment AS en
  JOIN group_code AS gc ON gc.id = en.group_id
  JOIN patient AS p ON p.id = en.patient_id
 ORDER BY 1, p.sort_key, en.starts_on
