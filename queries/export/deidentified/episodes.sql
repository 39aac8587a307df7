-- Export file episodes.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- uses: x sel_episode patient
SELECT
       p.mrn AS patient,
       extract(year FROM e.admitted_on)::int AS admitted_year,
       CASE WHEN e.level_of_care ~ '^[-=+@\t\r\n'']' THEN '''' || e.level_of_care ELSE e.level_of_care END AS level_of_care,
       extract(year FROM e.discharged_on)::int AS discharged_year,
       CASE WHEN e.discharge_reason ~ '^[-=+@\t\r\n'']' THEN '''' || e.discharge_reason ELSE e.discharge_reason END AS discharge_reason
  FROM x CROSS JOIN sel_episode AS e
  JOIN patient AS p ON p.id = e.patient_id
 ORDER BY p.sort_key, e.admitted_on
