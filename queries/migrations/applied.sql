-- The applied migrations, by version. No parameters.
SELECT version, name, checksum, to_char(applied_at, 'YYYY-MM-DD HH24:MI:SS TZ') AS applied_at
  FROM carelog.schema_migration ORDER BY version
