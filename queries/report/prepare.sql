-- Prepares the current transaction for report queries: JIT compilation costs seconds on
-- queries whose estimated cost crosses its threshold, far more than it saves on a
-- report's one pass over the month. No parameters.
SET LOCAL jit = off
