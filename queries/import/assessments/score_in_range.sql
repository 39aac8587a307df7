-- Import rule of assessments: a score is inside its instrument's range (PHQ-9 0-27, GAD-7 0-21, BAM 0-12).
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'score' AS column_name,
       format('is outside the %s range %s to %s', r.instrument, b.low, b.high) AS message
  FROM import_resolved AS r
  JOIN (VALUES ('PHQ-9', 0, 27), ('GAD-7', 0, 21), ('BAM', 0, 12)) AS b(instrument, low, high)
    ON b.instrument = r.instrument
 WHERE r.score NOT BETWEEN b.low AND b.high
