-- Export file attendance.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- The session is named by its group and year only, and rows are ordered by patient,
-- so that they cannot be lined up with sessions.csv to recover the dates.
-- uses: x sel_session patient group_code staff_code
SELECT
       gc.code AS group_code,
       extract(year FROM gs.starts_at AT TIME ZONE 'UTC')::int AS session_year,
       p.mrn AS patient,
       CASE WHEN a.status ~ '^[-=+@\t\r\n'']' THEN '''' || a.status ELSE a.status END AS status,
       a.minutes_attended AS minutes_attended,
       sc.code AS recorded_by,
       extract(year FROM a.recorded_at AT TIME ZONE 'UTC')::int AS recorded_year
  FROM x CROSS JOIN sel_session AS gs
  JOIN carelog.attendance AS a ON a.session_id = gs.id
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN patient AS p ON p.id = a.patient_id
  JOIN staff_code AS sc ON sc.id = a.recorded_by_id
 ORDER BY p.sort_key, 1, a.status COLLATE "C", sc.code
