-- Export file session-notes.csv under --pseudonymize: every note's codes and counts,
-- no text (topic and interventions are free text, sql/018): group and staff by their
-- keyed codes, minutes, service code, status, times, whether a co-signature is needed
-- (not the signer's credential, see credentials.sql), and how many sections and addenda the note has.
-- uses: x sel_session sel_note group_code staff_code
SELECT
       gc.code AS group_code,
       replace(replace(gs.starts_at::text, ' ', 'T'), '+00', 'Z') AS starts_at,
       n.minutes AS minutes,
       sc.code AS service_code,
       n.status AS status,
       au.code AS author,
       replace(replace(n.written_at::text, ' ', 'T'), '+00', 'Z') AS written_at,
       sb.code AS signed_by,
       replace(replace(n.signed_at::text, ' ', 'T'), '+00', 'Z') AS signed_at,
       CASE WHEN n.cosign_required THEN 'true' ELSE 'false' END AS cosign_required,
       cb.code AS cosigned_by,
       replace(replace(n.cosigned_at::text, ' ', 'T'), '+00', 'Z') AS cosigned_at,
       (SELECT count(*) FROM carelog.participant_note AS pn WHERE pn.session_note_id = n.id) AS sections,
       (SELECT count(*) FROM carelog.note_addendum AS na WHERE na.session_note_id = n.id) AS addenda
  FROM x CROSS JOIN sel_note AS n
  JOIN sel_session AS gs ON gs.id = n.session_id
  JOIN group_code AS gc ON gc.id = gs.group_id
  JOIN staff_code AS au ON au.id = n.author_id
  LEFT JOIN carelog.service_code AS sc ON sc.id = n.service_code_id
  LEFT JOIN staff_code AS sb ON sb.id = n.signed_by_id
  LEFT JOIN staff_code AS cb ON cb.id = n.cosigned_by_id
 ORDER BY gs.starts_at, 1
