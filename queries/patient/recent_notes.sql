-- `patient show`: the patient's last five individualized notes (their sections of
-- group session notes, docs/notes.md) of sessions that started on or before the end of
-- a day, newest first, with the session note's state (carelog.note_state) and the codes
-- of the plan goals the section addresses. Read under the caller's row-level security:
-- a therapist sees the sections of its caseload and of the sessions it facilitates.
-- $1: the MRN; $2: the as-of day, 'YYYY-MM-DD'.
SELECT to_char(gs.starts_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS starts_at,
       g.group_code,
       carelog.note_state(gs.id) AS note,
       coalesce((SELECT string_agg(pg.goal_code, ' ' ORDER BY pg.goal_code)
                   FROM carelog.plan_goal AS pg
                  WHERE pg.id = ANY (pn.goal_ids)), '') AS goals,
       coalesce(pn.progress, '') AS progress
  FROM carelog.participant_note AS pn
  JOIN carelog.patient AS p ON p.id = pn.patient_id
  JOIN carelog.session_note AS sn ON sn.id = pn.session_note_id
  JOIN carelog.group_session AS gs ON gs.id = sn.session_id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.site AS st ON st.id = g.site_id
 WHERE p.mrn = $1
   AND carelog.site_local_date(gs.starts_at, st.timezone) <= $2::date
 ORDER BY gs.starts_at DESC
 LIMIT 5
