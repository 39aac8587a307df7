-- Import rule of assignments: an assignment does not end before it starts (ends_on is its last day, inclusive;
-- a one-day record has ends_on = starts_on).
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'ends_on' AS column_name, 'is before starts_on (ends_on is the last day, starts_on itself for a one-day record)' AS message
  FROM import_resolved AS r WHERE r.ends_on < r.starts_on
