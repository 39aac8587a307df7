-- Whether a site code names a site (--site must name one).
-- $1 text  the site code
SELECT 1 FROM carelog.site WHERE site_code = $1
