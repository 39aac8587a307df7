-- `note save`: the problems of a note file's sections, each with its line, before
-- anything is written. A section's MRN must name a patient who attended the
-- session (present, late, left early); each goal code must be one of that
-- patient's goals open on the session's day (carelog.session_open_goals).
-- $1: the session id; $2: the section lines (integer[]); $3: their MRNs (text[]);
-- $4: the line of each goal code given (integer[]); $5: the MRN it belongs to (text[]);
-- $6: the goal codes (text[]).
WITH section AS (
    SELECT x.line, x.mrn, p.id AS patient_id, a.status
      FROM unnest($2::integer[], $3::text[]) AS x(line, mrn)
      LEFT JOIN carelog.patient AS p ON p.mrn = x.mrn
      LEFT JOIN carelog.attendance AS a ON a.session_id = $1 AND a.patient_id = p.id
), goal AS (
    SELECT y.line, y.mrn, y.code, s.patient_id
      FROM unnest($4::integer[], $5::text[], $6::text[]) AS y(line, mrn, code)
      JOIN (SELECT DISTINCT mrn, patient_id, status FROM section) AS s ON s.mrn = y.mrn
     WHERE carelog.counts_as_attended(s.status)
), open_goal AS (
    SELECT og.patient_id, og.goal_code FROM carelog.session_open_goals($1) AS og
)
SELECT s.line, 'mrn' AS field,
       CASE WHEN s.patient_id IS NULL
            THEN format('there is no patient %s that this login may read: check the MRN, with its leading zeros', s.mrn)
            ELSE format('%s did not attend this session (%s): a section is written for a patient recorded present, late or left early; remove it, or correct the roll with `carelog attendance record --correct`',
                        s.mrn, coalesce(s.status, 'no attendance record'))
       END AS problem
  FROM section AS s
 WHERE NOT coalesce(carelog.counts_as_attended(s.status), false)
UNION ALL
SELECT g.line, 'goals',
       format('%s is not one of %s''s goals open on the session''s day (%s)', g.code, g.mrn,
              coalesce('open: ' || (SELECT string_agg(o.goal_code, ', ' ORDER BY o.goal_code) FROM open_goal AS o
                                     WHERE o.patient_id = g.patient_id),
                       'the patient has no open goal that day: leave goals empty'))
  FROM goal AS g
 WHERE NOT EXISTS (SELECT 1 FROM open_goal AS o WHERE o.patient_id = g.patient_id AND o.goal_code = g.code)
 ORDER BY 1, 2
