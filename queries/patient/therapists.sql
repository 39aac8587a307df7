-- `patient show`: every therapist assignment of a patient with the therapist's name,
-- by start date, primary before secondary. ends_on is the last day (inclusive).
-- $1: the MRN.
SELECT a.role, s.staff_id, s.last_name || ', ' || s.first_name AS staff_name,
       a.starts_on::text AS starts_on, a.ends_on::text AS ends_on
  FROM carelog.therapist_assignment AS a
  JOIN carelog.patient AS p ON p.id = a.patient_id
  JOIN carelog.staff AS s ON s.id = a.therapist_id
 WHERE p.mrn = $1
 ORDER BY a.starts_on, a.role, s.staff_id
