-- What each plan requires per week: 5–7 twelve-step meetings, 2–3 process groups
-- (not for patients whose gender no process group admits), 1–2 relapse prevention.
-- Draw 50 per (stay, requirement number).
INSERT INTO carelog.plan_requirement (plan_id, modality, sessions_per_week)
SELECT tp.id, m.modality, m.base + floor(pg_temp.seed_draw(50, e.stay_key, m.n) * m.spread)
  FROM seed_episode e
  JOIN carelog.treatment_plan tp ON tp.plan_code = e.plan_code
 CROSS JOIN (VALUES (1, 'twelve_step', 5, 3), (2, 'process', 2, 2), (3, 'relapse_prevention', 1, 2))
         AS m(n, modality, base, spread)
 WHERE m.modality <> 'process' OR e.gender IN ('female', 'male')
 ORDER BY tp.plan_code, m.n;
