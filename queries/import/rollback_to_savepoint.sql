-- Undoes an attempt to write (see savepoint.sql). No parameters.
ROLLBACK TO SAVEPOINT import_attempt
