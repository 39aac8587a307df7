-- Whether a month is over at every site (its last day has passed in each site's
-- time zone), so that it may be closed.
-- $1: the month's first day (date).
SELECT coalesce(bool_and((now() AT TIME ZONE st.timezone)::date >= ($1::date + interval '1 month')::date), true) AS ended
  FROM carelog.site AS st
