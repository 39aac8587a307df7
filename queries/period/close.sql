-- `period close`: closes a month at the given site, or at every site the login may
-- close (a director limited to a site: its own). The database stamps who and when
-- (sql/016). A month already closed stays as it was. Returns the sites closed now.
-- $1: the month's first day (date); $2: the site code, or NULL for every site.
INSERT INTO carelog.closed_period (site_id, month)
SELECT st.id, $1::date
  FROM carelog.site AS st
 WHERE ($2::text IS NULL OR st.site_code = $2)
   AND (carelog.login_site_id() IS NULL OR st.id = carelog.login_site_id())
ON CONFLICT (site_id, month) DO NOTHING
RETURNING (SELECT s.site_code FROM carelog.site AS s WHERE s.id = closed_period.site_id) AS site_code
