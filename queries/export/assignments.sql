-- Export file assignments.csv: the therapist assignments overlapping the period.
-- uses: x sel_assignment patient
SELECT
       p.mrn AS mrn,
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS staff_id,
       CASE WHEN a.role ~ '^[-=+@\t\r\n'']' THEN '''' || a.role ELSE a.role END AS role,
       a.starts_on AS starts_on,
       a.ends_on AS ends_on
  FROM x CROSS JOIN sel_assignment AS a
  JOIN patient AS p ON p.id = a.patient_id
  JOIN carelog.staff AS sf ON sf.id = a.therapist_id
 ORDER BY p.sort_key, a.starts_on, sf.staff_id COLLATE "C", a.role COLLATE "C"
