-- Import rule of patients: a date of birth is not in the future.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'date_of_birth' AS column_name, 'is in the future' AS message
  FROM import_resolved AS r
 WHERE r.date_of_birth > current_date
