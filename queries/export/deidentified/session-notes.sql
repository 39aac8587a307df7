-- Export file session-notes.csv under --deidentify: not one row per note but counts
-- per group, year, service code and status (as sessions.csv: a note's time would
-- name its session and so its date); no text, no staff.
-- uses: x sel_session sel_note group_code
SELECT
       gc.code AS group_code,
       extract(year FROM gs.starts_at AT TIME ZONE 'UTC')::int AS session_year,
       sc.code AS service_code,
       n.status AS status,
       count(*) AS notes,
       count(*) FILTER (WHERE n.cosign_required) AS cosign_required,
       count(*) FILTER (WHERE n.cosigned_at IS NOT NULL) AS cosigned,
       sum(n.minutes) AS minutes
  FROM x CROSS JOIN sel_note AS n
  JOIN sel_session AS gs ON gs.id = n.session_id
  JOIN group_code AS gc ON gc.id = gs.group_id
  LEFT JOIN carelog.service_code AS sc ON sc.id = n.service_code_id
 GROUP BY 1, 2, 3, 4
 ORDER BY 1, 2, 3 NULLS FIRST, 4
