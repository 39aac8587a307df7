-- The sessions a sign-in sheet prints (`carelog attendance sheet`): of one group, or
-- of every group of one site, on one site-local day, at one wall time or all day,
-- with what the page's heading shows. Cancelled sessions are listed (status) so that
-- the command can say why it prints no page for them. Read under the caller's
-- row-level security: a therapist sees the sessions it may read.
-- $1: the group code, or NULL for every group of the site; $2: the site code, or
-- NULL; $3: the site-local day, 'YYYY-MM-DD'; $4: the site-local time 'HH:MM', or
-- NULL for the whole day.
SELECT s.id AS session_id, g.group_code, g.name AS group_name, g.kind, g.modality, g.capacity,
       st.site_code, st.name AS site_name,
       to_char(s.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD') AS local_day,
       to_char(s.starts_at AT TIME ZONE st.timezone, 'FMDay') AS weekday,
       to_char(s.starts_at AT TIME ZONE st.timezone, 'HH24:MI') AS local_time,
       to_char((s.starts_at + make_interval(mins => s.duration_minutes)) AT TIME ZONE st.timezone, 'HH24:MI') AS local_end,
       s.status,
       f.staff_id AS facilitator_id,
       f.last_name || ', ' || f.first_name AS facilitator_name,
       coalesce((SELECT string_agg(c.staff_id || ' ' || c.last_name || ', ' || c.first_name, '; ' ORDER BY c.staff_id)
                   FROM carelog.group_cofacilitator AS gc
                   JOIN carelog.staff AS c ON c.id = gc.staff_member_id
                  WHERE gc.group_id = g.id AND gc.staff_member_id <> s.facilitator_id), '') AS cofacilitators
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.group_session AS s ON s.group_id = g.id
  LEFT JOIN carelog.staff AS f ON f.id = s.facilitator_id
 WHERE ($1::text IS NULL OR g.group_code = carelog.known_group_code($1::text))
   AND ($2::text IS NULL OR st.site_code = $2::text)
   AND s.starts_at >= carelog.to_site_instant($3::text || ' 00:00', st.timezone)
   AND s.starts_at <  carelog.to_site_instant(($3::text::date + 1)::text || ' 00:00', st.timezone)
   AND ($4::text IS NULL OR to_char(s.starts_at AT TIME ZONE st.timezone, 'HH24:MI') = $4::text)
 ORDER BY st.site_code, s.starts_at, g.group_code
