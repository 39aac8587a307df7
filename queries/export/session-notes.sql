-- Export file session-notes.csv: the notes of the exported sessions, drafts and
-- signed, with their author, signer, co-signer and times, so that `import bundle`
-- writes them back as they were (sql/020).
-- uses: x sel_session sel_note
SELECT
       CASE WHEN g.group_code ~ '^[-=+@\t\r\n'']' THEN '''' || g.group_code ELSE g.group_code END AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       CASE WHEN n.topic ~ '^[-=+@\t\r\n'']' THEN '''' || n.topic ELSE n.topic END AS topic,
       CASE WHEN n.interventions ~ '^[-=+@\t\r\n'']' THEN '''' || n.interventions ELSE n.interventions END AS interventions,
       n.minutes AS minutes,
       CASE WHEN sc.code ~ '^[-=+@\t\r\n'']' THEN '''' || sc.code ELSE sc.code END AS service_code,
       CASE WHEN n.status ~ '^[-=+@\t\r\n'']' THEN '''' || n.status ELSE n.status END AS status,
       CASE WHEN au.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || au.staff_id ELSE au.staff_id END AS author,
       replace(replace(n.written_at::text, ' ', 'T'), '+00', 'Z') AS written_at,
       CASE WHEN sb.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || sb.staff_id ELSE sb.staff_id END AS signed_by,
       replace(replace(n.signed_at::text, ' ', 'T'), '+00', 'Z') AS signed_at,
       CASE WHEN n.signer_credential ~ '^[-=+@\t\r\n'']' THEN '''' || n.signer_credential ELSE n.signer_credential END AS signer_credential,
       CASE WHEN n.cosign_required THEN 'true' ELSE 'false' END AS cosign_required,
       CASE WHEN cb.staff_id ~ '^[-=+@\t\r\n'']' THEN '''' || cb.staff_id ELSE cb.staff_id END AS cosigned_by,
       replace(replace(n.cosigned_at::text, ' ', 'T'), '+00', 'Z') AS cosigned_at
  FROM x CROSS JOIN sel_note AS n
  JOIN sel_session AS gs ON gs.id = n.session_id
  JOIN carelog.care_group AS g ON g.id = gs.group_id
  JOIN carelog.staff AS au ON au.id = n.author_id
  LEFT JOIN carelog.service_code AS sc ON sc.id = n.service_code_id
  LEFT JOIN carelog.staff AS sb ON sb.id = n.signed_by_id
  LEFT JOIN carelog.staff AS cb ON cb.id = n.cosigned_by_id
 ORDER BY gs.starts_at, g.group_code COLLATE "C"
