-- The group that `attendance record --group` names, with its site's time zone and
-- the site's local date today (for an --at that gives only the time).
-- $1: the group code as typed.
SELECT g.group_code, g.kind, st.timezone,
       to_char(now() AT TIME ZONE st.timezone, 'YYYY-MM-DD') AS local_today
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
 WHERE g.group_code = $1
