-- `patient show`: the requirements of one plan, by modality.
-- $1: the plan code.
SELECT rq.modality, rq.sessions_per_week::text AS sessions_per_week
  FROM carelog.plan_requirement AS rq
  JOIN carelog.treatment_plan AS tp ON tp.id = rq.plan_id
 WHERE tp.plan_code = $1
 ORDER BY rq.modality
