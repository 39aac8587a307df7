-- The group that `attendance record --group` names, with its site's time zone, the
-- site's local date today (for an --at that gives only the time) and its facilitator's
-- staff ID (empty when it has none; the default of `session schedule`).
-- $1: the group code as typed.
SELECT g.group_code, g.kind, st.timezone,
       to_char(now() AT TIME ZONE st.timezone, 'YYYY-MM-DD') AS local_today,
       coalesce(f.staff_id, '') AS facilitator
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  LEFT JOIN carelog.staff AS f ON f.id = g.facilitator_id
 WHERE g.group_code = carelog.known_group_code($1)
