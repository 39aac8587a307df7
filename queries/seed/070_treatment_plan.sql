-- A treatment plan per episode (about 4% never get one), written by the first
-- primary therapist 1–14 days after admission, closed at discharge; reviewed
-- every 14 days (residents) or 30 days (the others).
INSERT INTO carelog.treatment_plan (plan_code, patient_id, created_on, author_id, review_interval_days, closed_on)
SELECT e.plan_code, e.patient_id, e.plan_on, c.staff_pk, e.review_interval, e.discharged_on
  FROM seed_episode e
  JOIN seed_clinician c ON c.site_no = e.site_no AND c.idx = e.t1
 WHERE e.plan_code IS NOT NULL
 ORDER BY e.plan_code;
