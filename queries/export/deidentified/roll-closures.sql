-- Export file roll-closures.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- As sessions.csv: one row per group and year (a closing's time would name its
-- session), with how many of its sessions' rolls were closed.
-- uses: x sel_session group_code
SELECT
       gc.code AS group_code,
       extract(year FROM gs.starts_at AT TIME ZONE 'UTC')::int AS session_year,
       count(*) AS rolls_closed
  FROM x CROSS JOIN sel_session AS gs
  JOIN carelog.roll_closure AS rc ON rc.session_id = gs.id
  JOIN group_code AS gc ON gc.id = gs.group_id
 GROUP BY 1, 2
 ORDER BY 1, 2
