-- Export file groups.csv under --pseudonymize: staff and groups by their keyed codes
-- (blocks/group_code.sql, blocks/staff_code.sql); the name, free text that may name
-- the one patient of an individual-therapy group, left out. Modality, gender focus,
-- kind, site and capacity kept.
-- uses: x group_code staff_code
SELECT
       gc.code AS group_code,
       CASE WHEN 'care_group.modality' = ANY (x.kept) THEN g.modality END AS modality,
       CASE WHEN 'care_group.gender_focus' = ANY (x.kept) THEN g.gender_focus END AS gender_focus,
       CASE WHEN 'care_group.kind' = ANY (x.kept) THEN g.kind END AS kind,
       CASE WHEN st.site_code ~ '^[-=+@\t\r\n'']' THEN '''' || st.site_code ELSE st.site_code END AS site_code,
       g.capacity AS capacity,
       sc.code AS facilitator
  FROM x CROSS JOIN carelog.care_group AS g
  JOIN group_code AS gc ON gc.id = g.id
  JOIN carelog.site AS st ON st.id = g.site_id
  LEFT JOIN staff_code AS sc ON sc.id = g.facilitator_id
 WHERE g.id IN (SELECT unnest(current_setting('carelog.export_groups')::bigint[]))
 ORDER BY 1
