-- Whether a site with this code exists: one row when it does, none when not.
-- $1  site_code (text), as in the sites import file
SELECT 1 AS found
  FROM carelog.site
 WHERE site_code = $1::text
