-- Reviews at the plan's interval (14 or 30 days; each up to 4 days early or 2
-- days late) by the primary therapist of the day; about 7% are skipped and about
-- 4% of plans are never reviewed, so some reviews are overdue.
-- Draws per (stay, review number j): 53 day, 54 note, 55 skipped; per stay: 56
-- never reviewed.
INSERT INTO carelog.plan_review (plan_id, reviewed_on, reviewer_id, note)
SELECT tp.id, r.reviewed_on, c.staff_pk,
       pg_temp.seed_pick(ARRAY['Progress reviewed with patient; plan continued.',
                               'Goals updated; attendance discussed.',
                               'Reviewed after relapse-prevention work; requirements unchanged.',
                               'Discussed discharge planning and aftercare.',
                               'Patient engaged; family session scheduled.'], pg_temp.seed_draw(54, e.stay_key, j))
  FROM seed_episode e
  JOIN carelog.treatment_plan tp ON tp.plan_code = e.plan_code
 CROSS JOIN LATERAL generate_series(1, (e.eff_end - e.plan_on) / e.review_interval + 1) AS j
 CROSS JOIN LATERAL (SELECT e.plan_on + e.review_interval * j - 4 + floor(pg_temp.seed_draw(53, e.stay_key, j) * 7)::int AS reviewed_on) AS r
  JOIN seed_clinician c
    ON c.site_no = e.site_no
   AND c.idx = CASE WHEN e.reassign_on <= r.reviewed_on THEN e.t2 ELSE e.t1 END
 WHERE r.reviewed_on < e.eff_end
   AND pg_temp.seed_draw(55, e.stay_key, j) >= 0.07
   AND pg_temp.seed_draw(56, e.stay_key) >= 0.04
 ORDER BY tp.plan_code, r.reviewed_on;
