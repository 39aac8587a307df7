-- A primary therapist from (almost) the admission day to the last day in care
-- (ends_on is inclusive: the day before discharge); about 12% are reassigned
-- mid-stay (the old assignment's last day is the day before the new one starts);
-- about 3% get their therapist a day or two late (drawn in 041_seed_episode).
INSERT INTO carelog.therapist_assignment (patient_id, therapist_id, role, starts_on, ends_on)
SELECT e.patient_id, c.staff_pk, 'primary', a.starts_on, a.ends_on - 1
  FROM seed_episode e
 CROSS JOIN LATERAL (VALUES (e.t1, e.assign_start, coalesce(e.reassign_on, e.discharged_on)),
                            (e.t2, e.reassign_on,  e.discharged_on)) AS a(idx, starts_on, ends_on)
  JOIN seed_clinician c ON c.site_no = e.site_no AND c.idx = a.idx
 WHERE a.starts_on IS NOT NULL
 ORDER BY e.patient_id, a.starts_on;
