-- Export file plan-requirements.csv under --deidentify: plan codes random to the run
-- (see deidentified/plans.sql).
-- uses: x sel_plan
SELECT
       'PL-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('plan:' || tp.plan_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS plan_code,
       CASE WHEN r.modality ~ '^[-=+@\t\r\n'']' THEN '''' || r.modality ELSE r.modality END AS modality,
       r.sessions_per_week AS sessions_per_week
  FROM x CROSS JOIN carelog.plan_requirement AS r
  JOIN sel_plan AS tp ON tp.id = r.plan_id
 ORDER BY 1, r.modality COLLATE "C"
