-- `note cosign`: co-signs a signed note as the acting staff member (the server
-- stamps who and when, and refuses a signer, a staff member who does not sign
-- alone, or a note that needs none: sql/018). Returns a row when it was written.
-- $1: the session id.
UPDATE carelog.session_note
   SET cosigned_by_id = carelog.acting_staff_member_id(), cosigned_at = now()
 WHERE session_id = $1
RETURNING id
