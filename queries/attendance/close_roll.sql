-- Closes the roll of an open group's session: the sign-ins are complete. The
-- database stamps who (the acting staff member) and when, and refuses a closed
-- group, a session not held or not started, and a login that does not facilitate
-- the session (sql/019).
-- $1: the group code; $2: the site-local wall time, 'YYYY-MM-DD HH:MM'.
INSERT INTO carelog.roll_closure (session_id, closed_by_id)
SELECT s.id, carelog.acting_staff_member_id()
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.group_session AS s
    ON s.group_id = g.id AND s.starts_at = carelog.to_site_instant($2, st.timezone)
 WHERE g.group_code = carelog.known_group_code($1)
