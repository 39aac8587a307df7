-- Export file participant-notes.csv: the patients' sections of the exported notes;
-- goals by their codes (G1 G3), goals of the patient's plan active on the session's
-- day, which plans.csv and goals.csv carry.
-- uses: x sel_session sel_note patient
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       p.mrn AS mrn,
       CASE WHEN pn.participation ~ '^[-=+@\t\r\n'']' THEN '''' || pn.participation ELSE pn.participation END AS participation,
       CASE WHEN pn.response ~ '^[-=+@\t\r\n'']' THEN '''' || pn.response ELSE pn.response END AS response,
       CASE WHEN pn.progress ~ '^[-=+@\t\r\n'']' THEN '''' || pn.progress ELSE pn.progress END AS progress,
       CASE WHEN gl.goals ~ '^[-=+@\t\r\n'']' THEN '''' || gl.goals ELSE gl.goals END AS goals,
       replace(replace(pn.written_at::text, ' ', 'T'), '+00', 'Z') AS written_at
  FROM x CROSS JOIN sel_note AS n
  JOIN sel_session AS gs ON gs.id = n.session_id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.participant_note AS pn ON pn.session_note_id = n.id
  JOIN patient AS p ON p.id = pn.patient_id
  LEFT JOIN LATERAL (SELECT string_agg(pg.goal_code, ' ' ORDER BY pg.goal_code COLLATE "C") AS goals
                       FROM carelog.plan_goal AS pg WHERE pg.id = ANY (pn.goal_ids)) AS gl ON true
 ORDER BY gs.starts_at, g.group_code COLLATE "C", p.sort_key
