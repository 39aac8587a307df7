-- `attendance record --new-session`: the session, as held. A therapist's login
-- creates it as its own facilitator (sql/016: a therapist never names another);
-- otherwise the group's facilitator runs it or, when the group has none, the
-- person recording. A session that starts in the future is never created (the
-- caller checked; the WHERE makes it so even if the clock moved).
-- $1: the group code; $2: the site-local wall time; $3: the recording staff ID.
INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
SELECT g.id, carelog.to_site_instant($2, st.timezone),
       CASE WHEN carelog.login_role() = 'therapist' THEN by.id ELSE coalesce(g.facilitator_id, by.id) END, 'held'
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.staff AS by ON by.staff_id = $3
 WHERE g.group_code = carelog.known_group_code($1)
   AND carelog.to_site_instant($2, st.timezone) <= now()
   -- An existing session is not offered again: row-level security checks a proposed
   -- row before ON CONFLICT, and a therapist may record in a session it could not
   -- have created.
   AND NOT EXISTS (SELECT 1 FROM carelog.group_session AS s
                    WHERE s.group_id = g.id AND s.starts_at = carelog.to_site_instant($2, st.timezone))
ON CONFLICT (group_id, starts_at) DO NOTHING
