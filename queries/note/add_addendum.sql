-- `note addendum`: adds text to a signed note, or to one patient's section of it
-- (the server stamps author and time; a draft refuses it: sql/018).
-- $1: the session id; $2: the MRN, or NULL for the whole note; $3: the text.
INSERT INTO carelog.note_addendum (session_note_id, patient_id, body)
SELECT n.id, (SELECT p.id FROM carelog.patient AS p WHERE p.mrn = $2), $3
  FROM carelog.session_note AS n
 WHERE n.session_id = $1
RETURNING id
