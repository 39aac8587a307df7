-- Makes concurrent migrators take turns, until the end of the transaction. No parameters.
SELECT pg_advisory_xact_lock(hashtext('carelog.migrate'))
