-- Export file attendance.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- The session is named by its group (a code random to the run) and year only, and
-- rows are ordered by patient. Who recorded the row is left out: joined with a
-- session's facilitator it would name the session (sessions.csv holds counts per
-- group and year for the same reason).
-- uses: x sel_session patient group_code
SELECT
       gc.code AS group_code,
       extract(year FROM gs.starts_at AT TIME ZONE 'UTC')::int AS session_year,
       p.mrn AS patient,
       CASE WHEN 'attendance.status' = ANY (x.kept) THEN a.status END AS status,
       a.minutes_attended AS minutes_attended,
       extract(year FROM a.recorded_at AT TIME ZONE 'UTC')::int AS recorded_year
  FROM x CROSS JOIN sel_session AS gs
  JOIN carelog.attendance AS a ON a.session_id = gs.id
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN patient AS p ON p.id = a.patient_id
 ORDER BY p.sort_key, 1, a.status COLLATE "C", a.minutes_attended
