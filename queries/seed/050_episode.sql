-- The episodes of care, one per stay.
INSERT INTO carelog.episode (patient_id, admitted_on, level_of_care, discharged_on, discharge_reason)
SELECT e.patient_id, e.admitted_on, e.level_of_care, e.discharged_on, e.discharge_reason
  FROM seed_episode e
 ORDER BY e.patient_id, e.admitted_on;
