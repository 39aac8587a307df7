-- Shared block of the export: a patient as the files show them, in the clear.
-- uses: x
-- Every file that names a patient reads them through this block, so that the export's
-- privacy mode is one file: pseudonymised/blocks/patient.sql replaces this one under
-- --deidentify. Columns: id, site_id, gender, first_name, last_name, date_of_birth,
-- mrn (as written to the files, with the spreadsheet guard) and sort_key (rows are
-- ordered by MRN in the clear). Named once per statement, PostgreSQL folds it into
-- the statement, as if carelog.patient were joined directly. Under --basis consent only
-- the patients of the export (carelog.export_patients, consented) are in it, so that
-- group-side rows (enrollments, attendance) leave out the others.
patient AS (
    SELECT p0.id, p0.site_id, p0.gender, p0.first_name, p0.last_name, p0.date_of_birth,
           CASE WHEN p0.mrn ~ '^[-=+@\t\r\n'']' THEN '''' || p0.mrn ELSE p0.mrn END AS mrn,
           p0.mrn COLLATE "C" AS sort_key
      FROM carelog.patient AS p0
     WHERE (SELECT consent_recipient FROM x) IS NULL
        OR p0.id IN (SELECT unnest(current_setting('carelog.export_patients')::bigint[]))
)
