-- Export file note-addenda.csv under --deidentify: how many addenda per group and
-- year, to whole notes and to sections; no text, no staff, no patient.
-- uses: x sel_session sel_note group_code
SELECT
       gc.code AS group_code,
       extract(year FROM gs.starts_at AT TIME ZONE 'UTC')::int AS session_year,
       count(*) FILTER (WHERE na.patient_id IS NULL) AS to_notes,
       count(*) FILTER (WHERE na.patient_id IS NOT NULL) AS to_sections
  FROM x CROSS JOIN sel_note AS n
  JOIN sel_session AS gs ON gs.id = n.session_id
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN carelog.note_addendum AS na ON na.session_note_id = n.id
 GROUP BY 1, 2
 ORDER BY 1, 2
