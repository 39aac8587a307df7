-- The most recent runs, newest first: when (UTC), database and operating-system user,
-- the acting staff member (--by, kept in the parameters), command, parameters and the
-- total of the row counts.
-- $1 integer  at most this many runs
SELECT to_char(ran_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS"Z"') AS ran_at, db_user,
       coalesce(os_user, '-') AS os_user, coalesce(parameters ->> 'by', '-') AS acting_staff, command, parameters::text AS parameters,
       (SELECT coalesce(sum(value::bigint), 0) FROM jsonb_each_text(row_counts)) AS total_rows
  FROM carelog.run_log ORDER BY id DESC LIMIT $1
