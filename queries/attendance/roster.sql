-- The roster of one session: who is expected, with names, and what is already
-- recorded. Expected: for a closed group, the patients enrolled on the session's
-- site-local day; for an open group, the patients who attended it (present, late
-- or left early) in the 14 days before the session. Either way only patients in
-- care that day whom the group's gender focus admits: the roster is who can be
-- recorded, so `attendance record --all-present` never marks someone the rules
-- refuse. Patients already recorded for the session but not expected (a walk-in)
-- follow with expected = false. Ordered by last name, first name, MRN.
-- $1: the group code; $2: the session's site-local wall time, 'YYYY-MM-DD HH:MM'.
WITH session AS (
    SELECT s.id, s.starts_at, g.id AS group_id, g.kind, g.gender_focus,
           carelog.site_local_date(s.starts_at, st.timezone) AS day
      FROM carelog.care_group AS g
      JOIN carelog.site AS st ON st.id = g.site_id
      JOIN carelog.group_session AS s
        ON s.group_id = g.id AND s.starts_at = carelog.to_site_instant($2, st.timezone)
     WHERE g.group_code = carelog.known_group_code($1)
),
candidate AS (
    SELECT e.patient_id
      FROM session
      JOIN carelog.group_enrollment AS e ON e.group_id = session.group_id
     WHERE session.kind = 'closed'
       AND e.starts_on <= session.day AND (e.ends_on IS NULL OR session.day <= e.ends_on)
    UNION
    SELECT a.patient_id
      FROM session
      JOIN carelog.group_session AS earlier
        ON earlier.group_id = session.group_id
       AND earlier.starts_at >= session.starts_at - interval '14 days'
       AND earlier.starts_at < session.starts_at
      JOIN carelog.attendance AS a
        ON a.session_id = earlier.id AND carelog.counts_as_attended(a.status)
     WHERE session.kind = 'open'
),
expected AS (
    SELECT c.patient_id
      FROM candidate AS c
      JOIN session ON true
      JOIN carelog.patient AS p ON p.id = c.patient_id
     WHERE carelog.gender_focus_admits(session.gender_focus, p.gender)
       AND EXISTS (SELECT 1 FROM carelog.episode AS ep
                    WHERE ep.patient_id = c.patient_id
                      AND ep.admitted_on <= session.day
                      AND (ep.discharged_on IS NULL OR session.day < ep.discharged_on))
),
recorded AS (
    SELECT a.patient_id, a.status
      FROM session
      JOIN carelog.attendance AS a ON a.session_id = session.id
)
SELECT p.mrn, p.first_name, p.last_name, r.status AS recorded_status, (x.patient_id IS NOT NULL) AS expected
  FROM (SELECT patient_id FROM expected UNION SELECT patient_id FROM recorded) AS everyone
  JOIN carelog.patient AS p ON p.id = everyone.patient_id
  LEFT JOIN expected AS x ON x.patient_id = everyone.patient_id
  LEFT JOIN recorded AS r ON r.patient_id = everyone.patient_id
 ORDER BY (x.patient_id IS NULL), p.last_name, p.first_name, p.mrn
