-- Export file roll-closures.csv under --pseudonymize: groups and the staff member who
-- closed the roll by their keyed codes (blocks/group_code.sql, blocks/staff_code.sql).
-- uses: x sel_session group_code staff_code
SELECT
       gc.code AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       sc.code AS closed_by,
       replace(replace(rc.closed_at::text, ' ', 'T'), '+00', 'Z') AS closed_at
  FROM x CROSS JOIN sel_session AS gs
  JOIN carelog.roll_closure AS rc ON rc.session_id = gs.id
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN staff_code AS sc ON sc.id = rc.closed_by_id
 ORDER BY gs.starts_at, 1
