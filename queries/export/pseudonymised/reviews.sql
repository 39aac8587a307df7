-- Export file reviews.csv under --pseudonymize: plan codes as pseudonyms (see
-- pseudonymised/plans.sql); the note, free text, left out.
-- uses: x sel_review
SELECT
       'PL-' || encode(substring(sha256(x.opad || sha256(x.ipad || convert_to('plan:' || tp.plan_code, 'UTF8'))) FROM 1 FOR 8), 'hex') AS plan_code,
       rv.reviewed_on AS reviewed_on,
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS reviewer
  FROM x CROSS JOIN sel_review AS rv
  JOIN carelog.treatment_plan AS tp ON tp.id = rv.plan_id
  JOIN carelog.staff AS sf ON sf.id = rv.reviewer_id
 ORDER BY 1, rv.reviewed_on
