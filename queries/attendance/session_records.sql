-- The attendance records of one session that the login may read, with who first
-- recorded each and when (site-local): `attendance record` refuses to write into a
-- session that has records unless asked to correct them, and lists each change.
-- $1: the group code; $2: the site-local wall time, 'YYYY-MM-DD HH:MM'.
SELECT p.mrn, a.status, a.minutes_attended::text AS minutes_attended, by.staff_id AS recorded_by,
       to_char(a.recorded_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS recorded_at
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.group_session AS s
    ON s.group_id = g.id AND s.starts_at = carelog.to_site_instant($2, st.timezone)
  JOIN carelog.attendance AS a ON a.session_id = s.id
  JOIN carelog.patient AS p ON p.id = a.patient_id
  JOIN carelog.staff AS by ON by.id = a.recorded_by_id
 WHERE g.group_code = carelog.known_group_code($1)
 ORDER BY a.recorded_at, p.mrn
