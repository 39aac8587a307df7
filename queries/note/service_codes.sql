-- The service codes a note may name, with the minutes one unit needs.
-- No parameters.
SELECT code, minutes_per_unit FROM carelog.service_code ORDER BY code
