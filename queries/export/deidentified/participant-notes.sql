-- Export file participant-notes.csv under --deidentify: per patient (random to the
-- run), group and year, how many sections and goals named; no text, no dates finer
-- than the year.
-- uses: x sel_session sel_note patient group_code
SELECT
       p.mrn AS patient,
       gc.code AS group_code,
       extract(year FROM gs.starts_at AT TIME ZONE 'UTC')::int AS session_year,
       count(*) AS sections,
       sum(cardinality(pn.goal_ids)) AS goals_named
  FROM x CROSS JOIN sel_note AS n
  JOIN sel_session AS gs ON gs.id = n.session_id
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN carelog.participant_note AS pn ON pn.session_note_id = n.id
  JOIN patient AS p ON p.id = pn.patient_id
 GROUP BY p.sort_key, 1, 2, 3
 ORDER BY p.sort_key, 2, 3
