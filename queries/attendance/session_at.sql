-- The session of a group that starts at a wall time of its site, and whether that
-- instant is still to come.
-- $1: the group code; $2: the site-local wall time, 'YYYY-MM-DD HH:MM'.
SELECT s.status,
       carelog.to_site_instant($2, st.timezone) > now() AS in_future
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.group_session AS s
    ON s.group_id = g.id AND s.starts_at = carelog.to_site_instant($2, st.timezone)
 WHERE g.group_code = carelog.known_group_code($1)
