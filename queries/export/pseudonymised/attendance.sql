-- Export file attendance.csv under --pseudonymize: groups and recorders by their
-- keyed codes (blocks/group_code.sql, blocks/staff_code.sql), patients by pseudonym.
-- uses: x sel_session patient group_code staff_code
SELECT
       gc.code AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       (gs.starts_at AT TIME ZONE gs.site_timezone)::date AS local_date,
       (gs.starts_at AT TIME ZONE gs.site_timezone)::time(0) AS local_time,
       p.mrn AS mrn,
       CASE WHEN 'attendance.status' = ANY (x.kept) THEN a.status END AS status,
       a.minutes_attended AS minutes_attended,
       sc.code AS recorded_by,
       replace(replace(a.recorded_at::text, ' ', 'T'), '+00', 'Z') AS recorded_at
  FROM x CROSS JOIN sel_session AS gs
  JOIN carelog.attendance AS a ON a.session_id = gs.id
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN patient AS p ON p.id = a.patient_id
  JOIN staff_code AS sc ON sc.id = a.recorded_by_id
 ORDER BY gs.starts_at, 1, p.sort_key
