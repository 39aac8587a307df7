-- The statements that leave tables ready for reading after a bulk write (a seed, a
-- large import): `VACUUM (ANALYZE)` (statistics for the planner, hint bits set and the
-- visibility map filled, so the first report does not pay for them) or `ANALYZE` alone
-- (statistics only, for tables no report reads). One row per table of $1 that exists,
-- in the order given; `allowed` is false where the login may not vacuum or analyse it
-- (only its owner, a member of the owner's role or a superuser may), and the caller
-- then leaves that table to autovacuum. The statement text is built here, with the
-- name quoted by format('%I'): VACUUM takes no bind parameters.
-- $1 text[]   table names in schema carelog
-- $2 boolean  true: VACUUM (ANALYZE); false: ANALYZE only
SELECT c.relname AS table_name,
       pg_has_role(c.relowner, 'USAGE') AS allowed,
       CASE WHEN $2 THEN format('VACUUM (ANALYZE) %I.%I', n.nspname, c.relname)
            ELSE format('ANALYZE %I.%I', n.nspname, c.relname) END AS statement
  FROM unnest($1::text[]) WITH ORDINALITY AS wanted(name, position)
  JOIN pg_catalog.pg_class AS c ON c.relname = wanted.name AND c.relkind IN ('r', 'p')
  JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace AND n.nspname = 'carelog'
 ORDER BY wanted.position
