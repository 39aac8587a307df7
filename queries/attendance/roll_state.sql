-- Whether the session of a group at a site-local wall time is an open group's
-- (a sign-in list, docs/open-groups.md), and, when its roll is closed, who closed
-- it and when (site-local). One row when the session exists.
-- $1: the group code; $2: the site-local wall time, 'YYYY-MM-DD HH:MM'.
SELECT g.kind,
       f.staff_id AS closed_by,
       to_char(r.closed_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS closed_at
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.group_session AS s
    ON s.group_id = g.id AND s.starts_at = carelog.to_site_instant($2, st.timezone)
  LEFT JOIN carelog.roll_closure AS r ON r.session_id = s.id
  LEFT JOIN carelog.staff AS f ON f.id = r.closed_by_id
 WHERE g.group_code = carelog.known_group_code($1)
