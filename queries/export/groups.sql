-- Export file groups.csv: the groups the exported rows refer to (ids from references.sql).
-- uses: x
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       CASE WHEN g.name ~ '^[-=+@\t\r\n'']' THEN '''' || g.name ELSE g.name END AS name,
       CASE WHEN g.modality ~ '^[-=+@\t\r\n'']' THEN '''' || g.modality ELSE g.modality END AS modality,
       CASE WHEN g.gender_focus ~ '^[-=+@\t\r\n'']' THEN '''' || g.gender_focus ELSE g.gender_focus END AS gender_focus,
       CASE WHEN g.kind ~ '^[-=+@\t\r\n'']' THEN '''' || g.kind ELSE g.kind END AS kind,
       CASE WHEN st.site_code ~ '^[-=+@\t\r\n'']' THEN '''' || st.site_code ELSE st.site_code END AS site_code,
       g.capacity AS capacity,
       CASE WHEN sf.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sf.staff_id ELSE sf.staff_id END AS facilitator
  FROM x CROSS JOIN carelog.care_group AS g
  JOIN carelog.site AS st ON st.id = g.site_id
  LEFT JOIN carelog.staff AS sf ON sf.id = g.facilitator_id
 WHERE g.id IN (SELECT unnest(current_setting('carelog.export_groups')::bigint[]))
 ORDER BY g.group_code COLLATE "C"
