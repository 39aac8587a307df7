-- Import rule of goals: a goal whose status is not open says when the status was set.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'status_on' AS column_name,
       format('is required when status is %s (the day the status was set)', r.status) AS message
  FROM import_resolved AS r WHERE r.status <> 'open' AND r.status_on IS NULL
