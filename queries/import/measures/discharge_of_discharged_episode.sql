-- Import rule of measures: discharge measures belong to a discharged episode.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'time_point' AS column_name,
       'is discharge, but this episode has no discharge (import the discharge first)' AS message
  FROM import_resolved AS r
  JOIN carelog.episode AS e ON e.id = r.episode_id
 WHERE r.time_point = 'discharge' AND e.discharged_on IS NULL
