-- Export file sessions.csv under --deidentify: not one row per session but the count of
-- held and cancelled sessions per group and year. A session's time, length and
-- facilitator would let attendance.csv's rows be joined back to their session (a
-- substitute who ran a single session, a session of unusual length) and so to its
-- date; a count per group and year carries nothing finer than the year.
-- uses: x sel_session group_code
SELECT
       gc.code AS group_code,
       extract(year FROM gs.starts_at AT TIME ZONE 'UTC')::int AS session_year,
       count(*) FILTER (WHERE gs.status = 'held') AS sessions_held,
       count(*) FILTER (WHERE gs.status = 'cancelled') AS sessions_cancelled
  FROM x CROSS JOIN sel_session AS gs
  JOIN group_code AS gc ON gc.id = gs.group_id
 GROUP BY 1, 2
 ORDER BY 1, 2
