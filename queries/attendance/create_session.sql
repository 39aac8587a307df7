-- `attendance record --new-session`: the session, as held, facilitated by the
-- group's facilitator or, when the group has none, by the person recording. A
-- session that starts in the future is never created (the caller checked; the
-- WHERE makes it so even if the clock moved).
-- $1: the group code; $2: the site-local wall time; $3: the recording staff ID.
INSERT INTO carelog.group_session (group_id, starts_at, facilitator_id, status)
SELECT g.id, carelog.to_site_instant($2, st.timezone), coalesce(g.facilitator_id, by.id), 'held'
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.staff AS by ON by.staff_id = $3
 WHERE g.group_code = $1
   AND carelog.to_site_instant($2, st.timezone) <= now()
ON CONFLICT (group_id, starts_at) DO NOTHING
