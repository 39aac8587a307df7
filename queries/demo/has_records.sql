-- Whether the database already holds patients: `carelog demo` then reports on them
-- instead of seeding. No parameters.
SELECT EXISTS (SELECT 1 FROM carelog.patient) AS ok
