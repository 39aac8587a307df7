-- Import rule of episodes: a discharge reason is given exactly when the episode is discharged.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'discharge_reason' AS column_name,
       CASE WHEN r.discharged_on IS NULL
            THEN 'must be empty while the episode is open (no discharged_on)'
            ELSE 'is required when discharged_on is given' END AS message
  FROM import_resolved AS r
 WHERE (r.discharged_on IS NULL) <> (r.discharge_reason IS NULL)
