-- Removes from the resolved rows those that have a problem, so that rules only ever
-- see rows whose every reference resolved. No parameters.
DELETE FROM import_resolved AS r USING import_problem AS p WHERE p.record_number = r.record_number
