-- Export file sessions.csv under --pseudonymize: groups and facilitators by their
-- keyed codes (blocks/group_code.sql, blocks/staff_code.sql).
-- uses: x sel_session group_code staff_code
SELECT
       gc.code AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       (gs.starts_at AT TIME ZONE gs.site_timezone)::date AS local_date,
       (gs.starts_at AT TIME ZONE gs.site_timezone)::time(0) AS local_time,
       gs.duration_minutes AS duration_minutes,
       sc.code AS facilitator,
       CASE WHEN 'group_session.status' = ANY (x.kept) THEN gs.status END AS status
  FROM x CROSS JOIN sel_session AS gs
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN staff_code AS sc ON sc.id = gs.facilitator_id
 ORDER BY gs.starts_at, 1
