-- Import rule of consents: a consent expires after the day it was signed, and is not
-- revoked before it (constraints consent_expires_check, consent_revoked_check).
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored. No parameters.
SELECT r.record_number, 'expires_on' AS column_name,
       format('is not after signed_on %s: a consent expires after the day it was signed', r.signed_on) AS message
  FROM import_resolved AS r
 WHERE r.expires_on <= r.signed_on
UNION ALL
SELECT r.record_number, 'revoked_on',
       format('is before signed_on %s', r.signed_on)
  FROM import_resolved AS r
 WHERE r.revoked_on < r.signed_on
