-- Export file note-addenda.csv: the addenda of the exported notes, to the whole note
-- (mrn empty) or to one patient's section, with author and time.
-- uses: x sel_session sel_note patient
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       p.mrn AS mrn,
       CASE WHEN na.body ~ '^[-=+@\t\r\n'']' THEN '''' || na.body ELSE na.body END AS body,
       CASE WHEN au.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || au.staff_id ELSE au.staff_id END AS author,
       replace(replace(na.added_at::text, ' ', 'T'), '+00', 'Z') AS added_at
  FROM x CROSS JOIN sel_note AS n
  JOIN sel_session AS gs ON gs.id = n.session_id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.note_addendum AS na ON na.session_note_id = n.id
  JOIN carelog.staff AS au ON au.id = na.author_id
  LEFT JOIN patient AS p ON p.id = na.patient_id
 WHERE na.patient_id IS NULL OR p.id IS NOT NULL
 ORDER BY gs.starts_at, g.group_code COLLATE "C", p.sort_key NULLS FIRST, na.added_at, na.id
