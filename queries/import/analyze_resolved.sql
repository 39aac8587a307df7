-- Statistics for the resolved rows, before the checks join them (see analyze_staging).
-- No parameters.
ANALYZE import_resolved
