-- For a therapist's login: its staff ID when it may not correct or void the
-- records of the session, because it is not one of the session's facilitators
-- (the group's facilitator or a co-facilitator, or the session's named
-- facilitator). No row when it may, or when the login is not a therapist's.
-- Row-level security refuses the same writes (sql/016); asking first lets carelog
-- name the rule instead of changing nothing in silence.
-- $1: the group code; $2: the site-local wall time, 'YYYY-MM-DD HH:MM'.
SELECT me.staff_id
  FROM carelog.staff AS me
 WHERE me.id = carelog.login_staff_id()
   AND carelog.login_role() = 'therapist'
   AND NOT EXISTS (SELECT 1
                     FROM carelog.care_group AS g
                     JOIN carelog.site AS st ON st.id = g.site_id
                     JOIN carelog.group_session AS s
                       ON s.group_id = g.id AND s.starts_at = carelog.to_site_instant($2, st.timezone)
                    WHERE g.group_code = carelog.known_group_code($1)
                      AND s.id IN (SELECT carelog.facilitated_session_ids()))
