-- Whether the session's login may add its own rows to a table of the run's records
-- (carelog.run_log; carelog.disclosure and carelog.disclosure_patient for a
-- disclosure): the INSERT privilege, and, when row-level security applies to the
-- login, an INSERT policy of one of its roles. Asked before a run reads anything, so
-- that a run that could not be recorded never reads (the policies' own checks, the
-- login's own db_user, hold for every row carelog writes).
-- $1 text  the table, schema-qualified (`carelog.run_log`)
SELECT has_table_privilege($1::regclass, 'INSERT')
       AND (NOT row_security_active($1::regclass)
            OR EXISTS (SELECT 1
                         FROM pg_catalog.pg_policy AS p
                        WHERE p.polrelid = $1::regclass
                          AND p.polcmd IN ('a', '*')
                          AND (p.polroles = '{0}'::oid[]
                               OR EXISTS (SELECT 1 FROM unnest(p.polroles) AS r(role_oid)
                                           WHERE r.role_oid <> 0 AND pg_has_role(r.role_oid, 'USAGE'))))) AS may_write
