-- The line and the value of one column of a staged record, for the problem a refused
-- write is reported as.
-- $1 text     the column's name in the file
-- $2 integer  the record number
SELECT line_number, to_jsonb(s) ->> $1 AS value FROM import_staging AS s WHERE record_number = $2
