-- Export file episodes.csv: the episodes of care overlapping the period.
-- uses: x sel_episode patient
SELECT
       p.mrn AS mrn,
       e.admitted_on AS admitted_on,
       CASE WHEN e.level_of_care ~ '^[-=+@\t\r\n'']' THEN '''' || e.level_of_care ELSE e.level_of_care END AS level_of_care,
       e.discharged_on AS discharged_on,
       CASE WHEN e.discharge_reason ~ '^[-=+@\t\r\n'']' THEN '''' || e.discharge_reason ELSE e.discharge_reason END AS discharge_reason
  FROM x CROSS JOIN sel_episode AS e
  JOIN patient AS p ON p.id = e.patient_id
 ORDER BY p.sort_key, e.admitted_on
