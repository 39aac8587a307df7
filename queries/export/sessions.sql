-- Export file sessions.csv: the sessions whose site-local date is in the period.
-- uses: x sel_session
-- Instants (here and in attendance.csv and audit.csv) are ISO 8601 in UTC with the
-- fraction of a second only when there is one, so that a re-import finds the same
-- instant: PostgreSQL's own output of a timestamptz under DateStyle ISO and TimeZone
-- UTC, which the export sets, with T and Z put in (cheaper than to_char).
-- local_date and local_time are the same start on the group's site's clock, as every
-- screen shows it, for people; an import reads past them (starts_at is the record).
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       (gs.starts_at AT TIME ZONE gs.site_timezone)::date AS local_date,
       (gs.starts_at AT TIME ZONE gs.site_timezone)::time(0) AS local_time,
       gs.duration_minutes AS duration_minutes,
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS facilitator,
       CASE WHEN gs.status ~ '^[-=+@\t\r\n'']' THEN '''' || gs.status ELSE gs.status END AS status
  FROM x CROSS JOIN sel_session AS gs
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.staff AS sf ON sf.id = gs.facilitator_id
 ORDER BY gs.starts_at, g.group_code COLLATE "C"
