-- The run's values, as settings local to the seed's transaction, read by the
-- functions of 001_draws.sql; and the transaction's own settings: work memory for
-- the hash joins of the bigger statements, no parallel plans (not needed for
-- determinism, since no draw depends on row order, but the statements are
-- write-bound anyway).
--
-- $1  the seed stream (the run's seed × 1,000,003), an integer
-- $2  the number of sites (1–99)
-- $3  the first day of the first month, ISO
-- $4  the first day after the last month, ISO
-- $5  the day the seed stops at (the demo's today, the last day of the period), ISO,
--     or '' when every day is complete; see pg_temp.seed_today() (001_draws.sql)
SELECT set_config('work_mem', '64MB', true),
       set_config('max_parallel_workers_per_gather', '0', true),
       set_config('carelog.seed_stream', $1, true),
       set_config('carelog.seed_scale', $2, true),
       set_config('carelog.seed_start', $3, true),
       set_config('carelog.seed_end', $4, true),
       set_config('carelog.seed_today', $5, true);
