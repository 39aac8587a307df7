-- Export file participant-notes.csv under --pseudonymize: one row per section, no
-- text (participation, response and progress are free text, sql/018): the session
-- by group code and time, the patient by pseudonym, how many goals it names and how
-- many addenda the section has.
-- uses: x sel_session sel_note patient group_code
SELECT
       gc.code AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       p.mrn AS mrn,
       cardinality(pn.goal_ids) AS goals_named,
       (SELECT count(*) FROM carelog.note_addendum AS na
         WHERE na.session_note_id = n.id AND na.patient_id = pn.patient_id) AS addenda,
       replace(replace(pn.written_at::text, ' ', 'T'), '+00', 'Z') AS written_at
  FROM x CROSS JOIN sel_note AS n
  JOIN sel_session AS gs ON gs.id = n.session_id
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN carelog.participant_note AS pn ON pn.session_note_id = n.id
  JOIN patient AS p ON p.id = pn.patient_id
 ORDER BY gs.starts_at, 1, p.sort_key
