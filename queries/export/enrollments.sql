-- Export file enrollments.csv: the group enrollments overlapping the period.
-- uses: x sel_enrollment patient
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       p.mrn AS mrn,
       en.starts_on AS starts_on,
       en.ends_on AS ends_on
  FROM x CROSS JOIN sel_enrollment AS en
  JOIN carelog.care_group AS g ON g.id = en.group_id
  JOIN patient AS p ON p.id = en.patient_id
 ORDER BY g.group_code COLLATE "C", p.sort_key, en.starts_on
