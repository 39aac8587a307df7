-- `note save`: removes a draft's sections before the file's are written (a signed
-- note's are final: the database refuses).
-- $1: the note id.
DELETE FROM carelog.participant_note WHERE session_note_id = $1
