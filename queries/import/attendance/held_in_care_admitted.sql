-- Import rule of attendance: attendance is for a held session, of a patient in care on the session's local day, in a group whose gender focus admits them.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
-- Each session's status, gender focus and local day are found once (a million rows
-- name a few thousand sessions); only rows that break a rule fan out into messages.
WITH session AS MATERIALIZED (
    SELECT gs.id, gs.status, g.gender_focus, carelog.site_local_date(gs.starts_at, st.timezone) AS local_date
      FROM carelog.group_session AS gs
      JOIN carelog.care_group AS g ON g.id = gs.group_id
      JOIN carelog.site AS st ON st.id = g.site_id
     WHERE gs.id IN (SELECT DISTINCT r.session_id FROM import_resolved AS r)
), broken AS (
    SELECT r.record_number, s.status, s.local_date, s.gender_focus, p.gender, e.id AS episode_id
      FROM import_resolved AS r
      JOIN session AS s ON s.id = r.session_id
      JOIN carelog.patient AS p ON p.id = r.patient_id
      LEFT JOIN carelog.episode AS e
             ON e.patient_id = r.patient_id AND e.admitted_on <= s.local_date
            AND (e.discharged_on IS NULL OR s.local_date < e.discharged_on)
     WHERE s.status <> 'held' OR e.id IS NULL OR NOT carelog.gender_focus_admits(s.gender_focus, p.gender)
)
SELECT b.record_number, c.column_name, c.message
  FROM broken AS b
 CROSS JOIN LATERAL (VALUES
       ('starts_at', CASE WHEN b.status <> 'held'
                          THEN 'the session was cancelled; attendance is recorded for held sessions only' END),
       ('mrn', CASE WHEN b.episode_id IS NULL
                    THEN format('the patient is not in care on %s, the day of the session', b.local_date) END),
       ('mrn', CASE WHEN NOT carelog.gender_focus_admits(b.gender_focus, b.gender)
                    THEN format('the patient (%s) is not admitted to this %s''s group', b.gender, b.gender_focus) END)
       ) AS c(column_name, message)
 WHERE c.message IS NOT NULL
