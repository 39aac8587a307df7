-- Keeps an attempt to write (see savepoint.sql). No parameters.
RELEASE SAVEPOINT import_attempt
