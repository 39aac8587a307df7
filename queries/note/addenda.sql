-- The addenda of a session's note this login may read, oldest first: when (local
-- time of the session's site), by whom, to which patient's section (or NULL for
-- the whole note), and the text.
-- $1: the session id; $2: one MRN (its section's addenda and the whole note's), or NULL for all.
SELECT to_char(ad.added_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS added_at,
       au.staff_id AS author_id, au.first_name || ' ' || au.last_name AS author_name,
       p.mrn, ad.body
  FROM carelog.session_note AS n
  JOIN carelog.note_addendum AS ad ON ad.session_note_id = n.id
  JOIN carelog.group_session AS s ON s.id = n.session_id
  JOIN carelog.care_group AS g ON g.id = s.group_id
  JOIN carelog.site AS st ON st.id = g.site_id
  LEFT JOIN carelog.staff AS au ON au.id = ad.author_id
  LEFT JOIN carelog.patient AS p ON p.id = ad.patient_id
 WHERE n.session_id = $1 AND ($2::text IS NULL OR ad.patient_id IS NULL OR p.mrn = $2)
 ORDER BY ad.added_at, ad.id
