-- `note sign`: signs a session's draft as the acting staff member (the server
-- stamps signer, time and whether a co-signature is needed: sql/018). Returns
-- whether it now awaits a co-signature, and the credential it was signed under.
-- $1: the session id.
UPDATE carelog.session_note
   SET status = 'signed'
 WHERE session_id = $1 AND status = 'draft'
RETURNING cosign_required, signer_credential
