-- Whether the table of applied migrations exists yet (a fresh database has none).
-- No parameters.
SELECT to_regclass('carelog.schema_migration') IS NOT NULL AS present
