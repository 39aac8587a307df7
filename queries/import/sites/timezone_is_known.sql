-- Import rule of sites: a site's time zone is a name PostgreSQL knows (IANA spelling).
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
SELECT r.record_number, 'timezone' AS column_name,
       'is not a time zone name such as America/New_York (IANA spelling, case matters)' AS message
  FROM import_resolved AS r
 WHERE NOT carelog.is_valid_timezone(r.timezone)
