-- The session a note command names, with what its header shows: group, site,
-- local start, length, facilitator, how many attendance records it has, and its
-- note's status ('missing', 'draft', 'signed').
-- $1: the group code; $2: the site-local wall time, 'YYYY-MM-DD HH:MM'.
SELECT s.id AS session_id, g.group_code, g.name AS group_name, st.name AS site_name, s.status AS session_status,
       to_char(s.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS local_start,
       carelog.site_local_date(s.starts_at, st.timezone)::text AS local_day,
       s.duration_minutes,
       f.staff_id AS facilitator_id, f.first_name || ' ' || f.last_name AS facilitator_name,
       (SELECT count(*) FROM carelog.attendance AS a WHERE a.session_id = s.id) AS records,
       coalesce((SELECT n.status FROM carelog.session_note AS n WHERE n.session_id = s.id), 'missing') AS note_status
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.group_session AS s
    ON s.group_id = g.id AND s.starts_at = carelog.to_site_instant($2, st.timezone)
  LEFT JOIN carelog.staff AS f ON f.id = s.facilitator_id
 WHERE g.group_code = carelog.known_group_code($1)
