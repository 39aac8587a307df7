-- The demo site's current day, ISO: `carelog demo` seeds through it. The demo has one
-- site, S01, whose time zone is the first of queries/seed/010_site.sql's list.
SELECT to_char((now() AT TIME ZONE 'America/New_York')::date, 'YYYY-MM-DD') AS today
