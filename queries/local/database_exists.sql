-- Whether the local cluster has a database of this name yet.
-- $1 text  the database name
SELECT 1 FROM pg_database WHERE datname = $1
