-- Process-group enrollment (by gender) from day 1–2 of the stay to the last day
-- in care (ends_on is inclusive: the day before discharge);
-- relapse prevention from day 1–3, about 8% leaving the roster early (drawn in
-- 041_seed_episode).
INSERT INTO carelog.group_enrollment (group_id, patient_id, starts_on, ends_on)
SELECT g.group_pk, e.patient_id, x.starts_on, x.ends_on - 1
  FROM seed_episode e
 CROSS JOIN LATERAL (VALUES (CASE e.gender WHEN 'female' THEN 2 WHEN 'male' THEN 3 END, e.proc_start, e.discharged_on),
                            (4, e.rp_start, coalesce(e.rp_end, e.discharged_on))) AS x(group_no, starts_on, ends_on)
  JOIN seed_group g ON g.site_no = e.site_no AND g.group_no = x.group_no
 WHERE x.starts_on IS NOT NULL
 ORDER BY g.group_pk, e.patient_id, x.starts_on;
