-- Export file goals.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- Plan and goal codes random to the run (as in pseudonymised/goals.sql, with the run
-- key); the description left out; dates cut to the year.
-- domain is written only while sql/017 classifies it as coded (a checked vocabulary,
-- which never starts with a spreadsheet trigger).
-- uses: x sel_plan
SELECT
       'PL-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('plan:' || tp.plan_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS plan_code,
       'G-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('goal:' || gl.plan_id || ':' || gl.goal_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS goal_code,
       CASE WHEN 'plan_goal.domain' = ANY (x.kept) THEN gl.domain END AS domain,
       extract(year FROM gl.target_date)::int AS target_year,
       CASE WHEN gl.status ~ '^[-=+@\t\r\n'']' THEN '''' || gl.status ELSE gl.status END AS status,
       extract(year FROM gl.status_on)::int AS status_year
  FROM x CROSS JOIN carelog.plan_goal AS gl
  JOIN sel_plan AS tp ON tp.id = gl.plan_id
 ORDER BY 1, 2
