-- The problems an import finds, one row per record, column and message, gone at commit.
-- The staging table beside it has the columns of the kind and is made by ImportStatements.
-- No parameters.
CREATE TEMP TABLE import_problem (record_number integer, line_number integer, column_name text, value text, message text)
    ON COMMIT DROP
