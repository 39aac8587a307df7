-- A session's note as `note show` and `note draft` print it: its fields, status and
-- signatures (local times of the session's site), the staff named by ID and name.
-- $1: the session id.
SELECT n.id AS note_id, n.status, coalesce(n.topic, '') AS topic, coalesce(n.interventions, '') AS interventions,
       n.minutes, sc.code AS service_code,
       au.staff_id AS author_id, au.first_name || ' ' || au.last_name AS author_name,
       to_char(n.written_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS written_at,
       sg.staff_id AS signed_by, sg.first_name || ' ' || sg.last_name AS signed_by_name, n.signer_credential,
       to_char(n.signed_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS signed_at,
       n.cosign_required,
       cs.staff_id AS cosigned_by, cs.first_name || ' ' || cs.last_name AS cosigned_by_name,
       to_char(n.cosigned_at AT TIME ZONE st.timezone, 'YYYY-MM-DD HH24:MI') AS cosigned_at
  FROM carelog.session_note AS n
  JOIN carelog.group_session AS s ON s.id = n.session_id
  JOIN carelog.care_group AS g ON g.id = s.group_id
  JOIN carelog.site AS st ON st.id = g.site_id
  LEFT JOIN carelog.service_code AS sc ON sc.id = n.service_code_id
  LEFT JOIN carelog.staff AS au ON au.id = n.author_id
  LEFT JOIN carelog.staff AS sg ON sg.id = n.signed_by_id
  LEFT JOIN carelog.staff AS cs ON cs.id = n.cosigned_by_id
 WHERE n.session_id = $1
