-- The schema and the table of applied migrations, created before the first migration.
-- A script of two statements, run as it is. No parameters.
CREATE SCHEMA IF NOT EXISTS carelog;
CREATE TABLE IF NOT EXISTS carelog.schema_migration (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text NOT NULL DEFAULT current_user
);
