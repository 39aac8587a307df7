-- Import rule of attendance: attendance is for a held session, of a patient in care on the session's local day, in a group whose gender focus admits them.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, c.column_name, c.message
  FROM import_resolved AS r
  JOIN carelog.group_session AS gs ON gs.id = r.session_id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.site AS st ON st.id = g.site_id
  JOIN carelog.patient AS p ON p.id = r.patient_id
 CROSS JOIN LATERAL (SELECT carelog.site_local_date(gs.starts_at, st.timezone) OFFSET 0) AS d(local_date)
  LEFT JOIN carelog.episode AS e
         ON e.patient_id = r.patient_id AND e.admitted_on <= d.local_date
        AND (e.discharged_on IS NULL OR d.local_date < e.discharged_on)
 CROSS JOIN LATERAL (VALUES
       ('starts_at', CASE WHEN gs.status <> 'held'
                          THEN 'the session was cancelled; attendance is recorded for held sessions only' END),
       ('mrn', CASE WHEN e.id IS NULL
                    THEN format('the patient is not in care on %s, the day of the session', d.local_date) END),
       ('mrn', CASE WHEN NOT carelog.gender_focus_admits(g.gender_focus, p.gender)
                    THEN format('the patient (%s) is not admitted to this %s''s group', p.gender, g.gender_focus) END)
       ) AS c(column_name, message)
 WHERE c.message IS NOT NULL
