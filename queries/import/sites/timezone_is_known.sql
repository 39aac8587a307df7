-- Import rule of sites: a site's time zone is a name PostgreSQL knows (IANA spelling).
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
-- carelog.is_valid_timezone reads the server's whole zone list (tens of milliseconds a
-- call), so it is asked once per distinct name of the file, not once per row.
-- (OFFSET 0 keeps the planner from pushing the test below the DISTINCT.)
WITH unknown AS MATERIALIZED (
    SELECT d.timezone
      FROM (SELECT DISTINCT r.timezone FROM import_resolved AS r OFFSET 0) AS d
     WHERE NOT carelog.is_valid_timezone(d.timezone)
)
SELECT r.record_number, 'timezone' AS column_name,
       'is not a time zone name such as America/New_York (IANA spelling, case matters)' AS message
  FROM import_resolved AS r
  JOIN unknown AS u ON u.timezone = r.timezone
