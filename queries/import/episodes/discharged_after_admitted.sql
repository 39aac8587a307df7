-- Import rule of episodes: an episode is not discharged before it is admitted.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'discharged_on' AS column_name, 'is before admitted_on' AS message
  FROM import_resolved AS r WHERE r.discharged_on < r.admitted_on
