-- What each plan requires per week, the schedule of the patient's track (see
-- 130_seed_session.sql): residents two 12-step meetings a day, their process group
-- on weekdays (not for patients whose gender no process group admits) and relapse
-- prevention three times a week; the day program its group three times a week;
-- outpatients their group twice a week. No draws.
INSERT INTO carelog.plan_requirement (plan_id, modality, sessions_per_week)
SELECT tp.id, m.modality, m.per_week
  FROM seed_episode e
  JOIN carelog.treatment_plan tp ON tp.plan_code = e.plan_code
  JOIN (VALUES (true,  1, 'twelve_step',        14),
               (true,  2, 'process',             5),
               (true,  3, 'relapse_prevention',  3))
       AS m(residential, n, modality, per_week)
    ON m.residential = e.residential
   AND (m.modality <> 'process' OR e.main_group IS NOT NULL)
UNION ALL
SELECT tp.id, CASE WHEN e.main_group = 11 THEN 'process' ELSE 'relapse_prevention' END,
       CASE WHEN e.main_group = 11 THEN 3 ELSE 2 END
  FROM seed_episode e
  JOIN carelog.treatment_plan tp ON tp.plan_code = e.plan_code
 WHERE NOT e.residential
 ORDER BY 1, 2;
