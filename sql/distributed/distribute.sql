-- Distributes carelog's tables over a Citus cluster, as far as Citus accepts the schema that
-- the migrations sql/NNN_*.sql build (checked through 024 by CitusFindingsTests). Not a migration: carelog never runs
-- it (it does not carry sql/'s subfolders); scripts/citus-check applies it after the
-- migrations to a fresh database on the private cluster of scripts/citus-up.
--
-- What Citus refuses, table by table, with its error texts, and the schema changes that
-- would make the rest distributable: docs/citus-findings.md. In short, every other table
-- is refused before its own shape is even looked at: functions with SQL-standard bodies
-- (BEGIN ATOMIC) tie all tables into one dependency graph that Citus cannot order, the
-- row-level security policies hold subqueries, every table has triggers, and the
-- site-scoped tables' keys lack site_id (most tables lack the column).
--
-- Safe to run again: each step is skipped when its table is already a Citus table.

\set ON_ERROR_STOP 1

-- carelog.column_class (every exported or audited column's class and what --pseudonymize
-- and --deidentify make of it; docs/privacy.md): a small vocabulary with no trigger, no
-- foreign key and a policy without a subquery, so it becomes a reference table (a copy on
-- every node).
SELECT create_reference_table('carelog.column_class')
 WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'carelog.column_class'::regclass);
