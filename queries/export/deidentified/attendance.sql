-- Export file attendance.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- The session is named by its group and year only, and rows are ordered by patient,
-- so that they cannot be lined up with sessions.csv to recover the dates.
-- uses: x sel_session patient
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       extract(year FROM gs.starts_at AT TIME ZONE 'UTC')::int AS session_year,
       p.mrn AS patient,
       CASE WHEN a.status ~ '^[-=+@\t\r\n'']' THEN '''' || a.status ELSE a.status END AS status,
       a.minutes_attended AS minutes_attended,
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS recorded_by,
       extract(year FROM a.recorded_at AT TIME ZONE 'UTC')::int AS recorded_year
  FROM x CROSS JOIN sel_session AS gs
  JOIN carelog.attendance AS a ON a.session_id = gs.id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN patient AS p ON p.id = a.patient_id
  JOIN carelog.staff AS sf ON sf.id = a.recorded_by_id
 ORDER BY p.sort_key, g.group_code COLLATE "C", a.status COLLATE "C", sf.staff_id COLLATE "C"
