-- Export file plan-requirements.csv: the requirements of the exported plans.
-- uses: x sel_plan
SELECT
       CASE WHEN tp.plan_code ~ '^[-=+@\t\r\n'']' THEN '''' || tp.plan_code ELSE tp.plan_code END AS plan_code,
       CASE WHEN r.modality ~ '^[-=+@\t\r\n'']' THEN '''' || r.modality ELSE r.modality END AS modality,
       r.sessions_per_week AS sessions_per_week
  FROM x CROSS JOIN carelog.plan_requirement AS r
  JOIN sel_plan AS tp ON tp.id = r.plan_id
 ORDER BY tp.plan_code COLLATE "C", r.modality COLLATE "C"
