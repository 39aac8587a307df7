-- The sites a summary covers, for its title: the one asked for, or every site.
-- $1 text  the site code, or NULL for all sites
SELECT site_code, name
  FROM carelog.site
 WHERE $1::text IS NULL OR site_code = $1
 ORDER BY site_code
