-- The sessions a group has on one local day of its site, as 'HH:MM' with their
-- status, in order: what a therapist who mistyped `--at` meant to name.
-- $1: the group code; $2: the site-local date, 'YYYY-MM-DD'.
SELECT to_char(s.starts_at AT TIME ZONE st.timezone, 'HH24:MI') AS local_time, s.status
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.group_session AS s ON s.group_id = g.id
 WHERE g.group_code = carelog.known_group_code($1)
   AND s.starts_at >= carelog.to_site_instant($2 || ' 00:00', st.timezone)
   AND s.starts_at <  carelog.to_site_instant(($2::date + 1)::text || ' 00:00', st.timezone)
 ORDER BY s.starts_at
