-- Starts an attempt to write: the importer undoes it when the database refuses a
-- record, to narrow the refusal down to that record. No parameters.
SAVEPOINT import_attempt
