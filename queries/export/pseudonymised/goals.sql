-- Export file goals.csv under --pseudonymize: plan codes as pseudonyms (see
-- pseudonymised/plans.sql), goal codes as 'G-' and 16 hex digits of
-- HMAC-SHA-256(key, 'goal:' || plan id || ':' || goal_code) (as the audit values),
-- and the description, free text that may name anyone, left out.
-- domain is written only while sql/017 classifies it as coded (a checked vocabulary,
-- which never starts with a spreadsheet trigger).
-- uses: x sel_plan
SELECT
       'PL-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('plan:' || tp.plan_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS plan_code,
       'G-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('goal:' || gl.plan_id || ':' || gl.goal_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS goal_code,
       CASE WHEN 'plan_goal.domain' = ANY (x.kept) THEN gl.domain END AS domain,
       gl.target_date AS target_date,
       CASE WHEN gl.status ~ '^[-=+@\t\r\n'']' THEN '''' || gl.status ELSE gl.status END AS status,
       gl.status_on AS status_on
  FROM x CROSS JOIN carelog.plan_goal AS gl
  JOIN sel_plan AS tp ON tp.id = gl.plan_id
 ORDER BY 1, 2
