-- Import rule of plans: a plan is not closed before it is created.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'closed_on' AS column_name, 'is before created_on' AS message
  FROM import_resolved AS r WHERE r.closed_on < r.created_on
