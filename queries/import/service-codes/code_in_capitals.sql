-- Import rule of service-codes: a code is written in capitals without surrounding spaces
-- (as staff credentials are matched, upper-cased, sql/018), so that one code is never
-- stored twice in two spellings. A SELECT of (record_number, column_name, message)
-- over import_resolved (r). No parameters.
SELECT r.record_number, 'code' AS column_name,
       format('must be written in capitals without spaces around it: %s', upper(btrim(r.code))) AS message
  FROM import_resolved AS r
 WHERE r.code <> upper(btrim(r.code))
