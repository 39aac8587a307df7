-- The closed months, newest first: site, month, when and by whom.
-- No parameters.
SELECT st.site_code, to_char(c.month, 'YYYY-MM') AS month,
       to_char(c.closed_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS closed_at,
       coalesce(by.staff_id, c.db_user) AS closed_by
  FROM carelog.closed_period AS c
  JOIN carelog.site AS st ON st.id = c.site_id
  LEFT JOIN carelog.staff AS by ON by.id = c.closed_by_id
 ORDER BY c.month DESC, st.site_code
