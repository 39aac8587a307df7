-- Whether a report month has ended: the month has ended when the first day after
-- it has begun in the local time of every site reported on (one site with
-- --site). Also the earliest local date of those sites now, which a partial
-- month's figures run up to, and whether the month has begun anywhere.
--
-- $1  the first day of the month, ISO
-- $2  the first day after the month, ISO
-- $3  the site code, or NULL for all sites
SELECT coalesce(bool_and((now() AT TIME ZONE st.timezone)::date >= $2::date), true) AS ended,
       coalesce(bool_or((now() AT TIME ZONE st.timezone)::date >= $1::date), true)  AS begun,
       to_char(min((now() AT TIME ZONE st.timezone)::date), 'YYYY-MM-DD')            AS local_today
  FROM carelog.site st
 WHERE ($3::text IS NULL OR st.site_code = $3::text)
