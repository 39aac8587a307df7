-- Statistics for the staging table: temporary tables have none until analysed, and
-- without them the planner guesses their size and may scan a large table to join a
-- few rows. No parameters.
ANALYZE import_staging
