-- Export file goals.csv: the goals of the exported plans.
-- uses: x sel_plan
SELECT
       CASE WHEN tp.plan_code ~ '^[-=+@\t\r\n'']' THEN '''' || tp.plan_code ELSE tp.plan_code END AS plan_code,
       CASE WHEN gl.goal_code ~ '^[-=+@\t\r\n'']' THEN '''' || gl.goal_code ELSE gl.goal_code END AS goal_code,
       CASE WHEN gl.domain ~ '^[-=+@\t\r\n'']' THEN '''' || gl.domain ELSE gl.domain END AS domain,
       CASE WHEN gl.description ~ '^[-=+@\t\r\n'']' THEN '''' || gl.description ELSE gl.description END AS description,
       gl.target_date AS target_date,
       CASE WHEN gl.status ~ '^[-=+@\t\r\n'']' THEN '''' || gl.status ELSE gl.status END AS status,
       gl.status_on AS status_on
  FROM x CROSS JOIN carelog.plan_goal AS gl
  JOIN sel_plan AS tp ON tp.id = gl.plan_id
 ORDER BY tp.plan_code COLLATE "C", gl.goal_code COLLATE "C"
