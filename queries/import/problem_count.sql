-- How many problems the checks found. No parameters.
SELECT count(*) AS n FROM import_problem
