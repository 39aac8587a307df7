-- The tables of schema carelog whose changes the audit trail records (those that
-- carelog.audit_attach() gave its triggers), by name: what `audit log --table` takes.
-- No parameters.
SELECT c.relname AS table_name
  FROM pg_trigger AS t
  JOIN pg_class AS c ON c.oid = t.tgrelid
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
 WHERE n.nspname = 'carelog'
   AND t.tgname = 'zz_audit_insert'
 ORDER BY c.relname
