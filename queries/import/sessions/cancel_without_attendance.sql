-- Import rule of sessions: a session with attendance records cannot be cancelled.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'status' AS column_name,
       format('cannot be cancelled: %s attendance record(s) exist for this session', count(*)) AS message
  FROM import_resolved AS r
  JOIN carelog.attendance AS a ON a.session_id = r.existing_id
 WHERE r.status = 'cancelled'
 GROUP BY r.record_number
