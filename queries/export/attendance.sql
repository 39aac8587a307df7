-- Export file attendance.csv: the attendance of the exported sessions.
-- uses: x sel_session patient
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       (gs.starts_at AT TIME ZONE gs.site_timezone)::date AS local_date,
       (gs.starts_at AT TIME ZONE gs.site_timezone)::time(0) AS local_time,
       p.mrn AS mrn,
       CASE WHEN a.status ~ '^[-=+@\t\r\n'']' THEN '''' || a.status ELSE a.status END AS status,
       a.minutes_attended AS minutes_attended,
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS recorded_by,
       replace(replace(a.recorded_at::text, ' ', 'T'), '+00', 'Z') AS recorded_at
  FROM x CROSS JOIN sel_session AS gs
  JOIN carelog.attendance AS a ON a.session_id = gs.id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN patient AS p ON p.id = a.patient_id
  JOIN carelog.staff AS sf ON sf.id = a.recorded_by_id
 ORDER BY gs.starts_at, g.group_code COLLATE "C", p.sort_key
