-- Enrollment in the patient's groups (drawn in 041_seed_episode) from the day the
-- plan is written to the last day in care (ends_on is inclusive: the day before
-- discharge); about 8% of residents leave the relapse-prevention roster early.
INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on, ends_on)
SELECT g.group_pk, e.patient_id, x.starts_on, x.ends_on - 1
  FROM seed_episode e
 CROSS JOIN LATERAL (VALUES (e.main_group, e.main_start, e.discharged_on),
                            (e.rp_group, e.rp_start, coalesce(e.rp_end, e.discharged_on))) AS x(group_no, starts_on, ends_on)
  JOIN seed_group g ON g.site_no = e.site_no AND g.group_no = x.group_no
 WHERE x.starts_on IS NOT NULL
 ORDER BY g.group_pk, e.patient_id, x.starts_on;
