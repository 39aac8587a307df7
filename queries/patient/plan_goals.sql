-- `patient show`: the goals of one plan, by goal code.
-- $1: the plan code.
SELECT g.goal_code, g.domain, g.description, g.target_date::text AS target_date, g.status, g.status_on::text AS status_on
  FROM carelog.plan_goal AS g
  JOIN carelog.treatment_plan AS tp ON tp.id = g.plan_id
 WHERE tp.plan_code = $1
 ORDER BY g.goal_code
