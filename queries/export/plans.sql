-- Export file plans.csv: the treatment plans overlapping the period or reviewed in it.
-- uses: x sel_plan patient
SELECT
       CASE WHEN tp.plan_code ~ '^[-=+@\t\r\n'']' THEN '''' || tp.plan_code ELSE tp.plan_code END AS plan_code,
       p.mrn AS mrn,
       tp.created_on AS created_on,
       CASE WHEN au.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || au.staff_id ELSE au.staff_id END AS author,
       tp.review_interval_days AS review_interval_days,
       tp.closed_on AS closed_on
  FROM x CROSS JOIN sel_plan AS tp
  JOIN patient AS p ON p.id = tp.patient_id
  JOIN carelog.staff AS au ON au.id = tp.author_id
 ORDER BY tp.plan_code COLLATE "C"
