-- Export file note-addenda.csv under --pseudonymize: when and by whom each addendum
-- was added, to the whole note or to a patient's section (by pseudonym); no text
-- (the body is free text, sql/018).
-- uses: x sel_session sel_note patient group_code staff_code
SELECT
       gc.code AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       p.mrn AS mrn,
       au.code AS author,
       replace(replace(na.added_at::text, ' ', 'T'), '+00', 'Z') AS added_at
  FROM x CROSS JOIN sel_note AS n
  JOIN sel_session AS gs ON gs.id = n.session_id
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN carelog.note_addendum AS na ON na.session_note_id = n.id
  JOIN staff_code AS au ON au.id = na.author_id
  LEFT JOIN patient AS p ON p.id = na.patient_id
 WHERE na.patient_id IS NULL OR p.id IS NOT NULL
 ORDER BY gs.starts_at, 1, p.sort_key NULLS FIRST, na.added_at
