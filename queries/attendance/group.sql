-- The group that `attendance record --group` names, with its site's time zone.
-- $1: the group code as typed.
SELECT g.group_code, g.kind, st.timezone
  FROM carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
 WHERE g.group_code = $1
