-- The default of each column of an import's table that has one (an empty or absent
-- value of a new record takes it).
-- $1 text  the table's name in schema carelog
SELECT column_name, column_default FROM information_schema.columns
 WHERE table_schema = 'carelog' AND table_name = $1 AND column_default IS NOT NULL
