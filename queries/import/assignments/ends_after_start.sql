-- Import rule of assignments: an assignment ends after it starts (end dates exclusive).
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'ends_on' AS column_name, 'must be after starts_on (the end date is exclusive)' AS message
  FROM import_resolved AS r WHERE r.ends_on <= r.starts_on
