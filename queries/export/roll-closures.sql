-- Export file roll-closures.csv: the closed rolls of the exported sessions (an open
-- group's sign-in list the facilitator said was complete, sql/019): who closed it and
-- when, so that a restored database does not report those rolls as never closed.
-- uses: x sel_session
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS closed_by,
       replace(replace(rc.closed_at::text, ' ', 'T'), '+00', 'Z') AS closed_at
  FROM x CROSS JOIN sel_session AS gs
  JOIN carelog.roll_closure AS rc ON rc.session_id = gs.id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.staff AS sf ON sf.id = rc.closed_by_id
 ORDER BY gs.starts_at, g.group_code COLLATE "C"
