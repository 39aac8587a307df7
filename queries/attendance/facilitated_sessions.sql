-- `carelog today`: the sessions a staff member facilitates on one day, each on its
-- group's site-local date, in time order, with how many attendance records it has.
-- $1: the staff ID; $2: the day, 'YYYY-MM-DD', or NULL for today in each group's
-- site time zone. roll_closed: an open group's roll was closed (sql/019). note: the
-- state of the session's note (carelog.note_state, docs/notes.md): empty when none
-- is due, else missing, draft, awaiting co-signature or signed.
SELECT g.group_code, g.name AS group_name, g.kind,
       to_char(s.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD') AS local_day,
       to_char(s.starts_at AT TIME ZONE st.timezone, 'HH24:MI') AS local_time,
       s.duration_minutes, s.status,
       s.starts_at > now() AS in_future,
       (SELECT count(*) FROM carelog.attendance AS a WHERE a.session_id = s.id) AS recorded,
       EXISTS (SELECT 1 FROM carelog.roll_closure AS r WHERE r.session_id = s.id) AS roll_closed,
       carelog.note_state(s.id) AS note
  FROM carelog.staff AS me
  JOIN carelog.group_session AS s ON s.facilitator_id = me.id
  JOIN carelog.care_group AS g ON g.id = s.group_id
  JOIN carelog.site AS st ON st.id = g.site_id
 WHERE me.staff_id = $1
   AND carelog.site_local_date(s.starts_at, st.timezone)
       = coalesce($2::date, (now() AT TIME ZONE st.timezone)::date)
 ORDER BY s.starts_at, g.group_code
