-- Export file assignments.csv under --pseudonymize: therapists by their keyed codes
-- (blocks/staff_code.sql), patients by pseudonym.
-- uses: x sel_assignment patient staff_code
SELECT
       p.mrn AS mrn,
       sc.code AS staff_id,
       CASE WHEN 'therapist_assignment.role' = ANY (x.kept) THEN a.role END AS role,
       a.starts_on AS starts_on,
       a.ends_on AS ends_on
  FROM x CROSS JOIN sel_assignment AS a
  JOIN patient AS p ON p.id = a.patient_id
  JOIN staff_code AS sc ON sc.id = a.therapist_id
 ORDER BY p.sort_key, a.starts_on, 2, 3
