-- The attendance partitions of every month of a period, created when missing (the
-- seed writes a month per statement). One row: how many were created.
-- $1 date  the first day of the first month (ISO)
-- $2 date  the day after the period (ISO, exclusive)
SELECT count(*) AS created
  FROM carelog.ensure_attendance_partitions(
           ARRAY(SELECT m::date FROM generate_series(date_trunc('month', $1::date::timestamp),
                                                     ($2::date - 1)::timestamp, interval '1 month') AS m))
