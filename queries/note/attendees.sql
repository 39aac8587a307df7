-- Who attended a session (present, late, left early), as a note's sections list
-- them, with their open goals as `note draft` prints them (code, domain and
-- description, one per line). Ordered by MRN.
-- $1: the session id.
SELECT p.mrn, p.first_name || ' ' || p.last_name AS name, a.status,
       coalesce((SELECT string_agg(og.goal_code || ' (' || og.domain || ')' || coalesce(' ' || og.description, ''), E'\n'
                                   ORDER BY og.goal_code)
                   FROM carelog.session_open_goals($1) AS og
                  WHERE og.patient_id = p.id), '') AS open_goals
  FROM carelog.attendance AS a
  JOIN carelog.patient AS p ON p.id = a.patient_id
 WHERE a.session_id = $1 AND carelog.counts_as_attended(a.status)
 ORDER BY p.mrn
