-- The default of each column of an import's table that has one (an empty or absent
-- value of a new record takes it). Read from the catalog itself rather than
-- information_schema.columns, whose view costs about 8 ms to plan on every import
-- (a fifth of `attendance record`'s server time) for the same rows: identity and
-- generated columns have no default here either.
-- $1 text  the table's name in schema carelog
SELECT a.attname AS column_name, pg_get_expr(d.adbin, d.adrelid) AS column_default
  FROM pg_catalog.pg_attribute AS a
  JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attrelid = to_regclass(format('carelog.%I', $1::text))
   AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
