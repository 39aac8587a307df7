-- `note save`: writes a draft's sections, each with the ids of the goals its codes
-- name (checked first by check_sections, and again by the database).
-- $1: the note id; $2: the session id; $3: MRNs (text[]); $4: participation (text[]);
-- $5: response (text[]); $6: progress (text[]); $7: goal codes, comma-separated per section (text[]).
INSERT INTO carelog.participant_note (session_note_id, patient_id, participation, response, progress, goal_ids)
SELECT $1, p.id, x.participation, x.response, x.progress,
       ARRAY(SELECT og.goal_id FROM carelog.session_open_goals($2) AS og
              WHERE og.patient_id = p.id AND og.goal_code = ANY (string_to_array(x.goals, ','))
              ORDER BY og.goal_id)
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(mrn, participation, response, progress, goals)
  JOIN carelog.patient AS p ON p.mrn = x.mrn
