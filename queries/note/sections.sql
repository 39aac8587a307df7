-- The participant sections of a session's note this login may read (row-level
-- security applies to each), with the patient's attendance and the codes of the
-- goals each names. Ordered by MRN.
-- $1: the session id; $2: one MRN, or NULL for every section.
SELECT p.mrn, p.first_name || ' ' || p.last_name AS name, coalesce(a.status, 'no record') AS attendance,
       coalesce(pn.participation, '') AS participation, coalesce(pn.response, '') AS response,
       coalesce(pn.progress, '') AS progress,
       coalesce((SELECT string_agg(pg.goal_code, ', ' ORDER BY pg.goal_code)
                   FROM carelog.plan_goal AS pg WHERE pg.id = ANY (pn.goal_ids)), '') AS goals
  FROM carelog.session_note AS n
  JOIN carelog.participant_note AS pn ON pn.session_note_id = n.id
  JOIN carelog.patient AS p ON p.id = pn.patient_id
  LEFT JOIN carelog.attendance AS a ON a.session_id = n.session_id AND a.patient_id = pn.patient_id
 WHERE n.session_id = $1 AND ($2::text IS NULL OR p.mrn = $2)
 ORDER BY p.mrn
