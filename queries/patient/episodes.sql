-- `patient show`: every episode of care of a patient, oldest first.
-- $1: the MRN.
SELECT e.admitted_on::text AS admitted_on, e.discharged_on::text AS discharged_on, e.level_of_care, e.discharge_reason
  FROM carelog.episode AS e
  JOIN carelog.patient AS p ON p.id = e.patient_id
 WHERE p.mrn = $1
 ORDER BY e.admitted_on
