-- Before an attendance import writes: the partitions of the months its resolved rows
-- are filed under (session_month), created when missing. No parameters; reads the
-- import's temporary table import_resolved.
SELECT count(*) AS created
  FROM carelog.ensure_attendance_partitions(
           ARRAY(SELECT DISTINCT r.session_month FROM import_resolved AS r WHERE r.existing_id IS NULL))
