-- Shared block of the export: a patient as the files show them, in the clear.
-- uses:
-- Every file that names a patient reads them through this block, so that the export's
-- privacy mode is one file: pseudonymised/blocks/patient.sql replaces this one under
-- --deidentify. Columns: id, site_id, gender, first_name, last_name, date_of_birth,
-- mrn (as written to the files, with the spreadsheet guard) and sort_key (rows are
-- ordered by MRN in the clear). Named once per statement, PostgreSQL folds it into
-- the statement, as if carelog.patient were joined directly.
patient AS (
    SELECT p0.id, p0.site_id, p0.gender, p0.first_name, p0.last_name, p0.date_of_birth,
           CASE WHEN p0.mrn ~ '^[-=+@\t\r\n'']' THEN '''' || p0.mrn ELSE p0.mrn END AS mrn,
           p0.mrn COLLATE "C" AS sort_key
      FROM carelog.patient AS p0
)
