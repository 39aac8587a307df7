-- Export file reviews.csv: the plan reviews dated in the period.
-- uses: x sel_review
SELECT
       CASE WHEN tp.plan_code ~ '^[-=+@\t\r\n'']' THEN '''' || tp.plan_code ELSE tp.plan_code END AS plan_code,
       rv.reviewed_on AS reviewed_on,
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS reviewer,
       CASE WHEN rv.note ~ '^[-=+@\t\r\n'']' THEN '''' || rv.note ELSE rv.note END AS note
  FROM x CROSS JOIN sel_review AS rv
  JOIN carelog.treatment_plan AS tp ON tp.id = rv.plan_id
  JOIN carelog.staff AS sf ON sf.id = rv.reviewer_id
 ORDER BY tp.plan_code COLLATE "C", rv.reviewed_on
