-- Drops the temporary tables of one import (staging, problems, resolved rows) before
-- the commit that would drop them anyway: `import bundle` runs the imports of all
-- its files in one transaction, each creating these tables afresh. No parameters.
DROP TABLE IF EXISTS import_staging, import_problem, import_resolved
