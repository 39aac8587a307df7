-- Import rule of consents: the recipient has no leading or trailing spaces, so that
-- `export --recipient` matches it exactly (constraint consent_recipient_check).
-- A SELECT of (record_number, column_name, message) over import_resolved (r). No parameters.
SELECT r.record_number, 'recipient' AS column_name,
       'has leading or trailing spaces; write the recipient exactly as --recipient will name it' AS message
  FROM import_resolved AS r
 WHERE r.recipient <> btrim(r.recipient)
