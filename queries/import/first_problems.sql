-- The first problems, by line, then in the order of the file's header, then by message.
-- $1 text[]  the file's column names in header order
-- $2 integer how many problems to list
SELECT line_number, column_name, value, message FROM import_problem
 ORDER BY line_number, array_position($1::text[], column_name), message
 LIMIT $2
