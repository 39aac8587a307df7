-- Import rule of patients: a new MRN that equals a stored MRN (or another MRN of
-- the file) without its leading zeros is refused: the usual cause is a spreadsheet
-- that read the MRN column as numbers and dropped the zeros (02000501 → 2000501),
-- which would otherwise create a second patient silently.
-- A SELECT of (record_number, column_name, message) over import_resolved (r), the
-- file's rows typed, resolved and complete as they would be stored; the importer files
-- each row it returns as a problem of that record. No parameters.
WITH zero_led AS (
    SELECT p.mrn, ltrim(p.mrn, '0') AS bare FROM carelog.patient AS p WHERE p.mrn LIKE '0%'
    UNION
    SELECT f.mrn, ltrim(f.mrn, '0') FROM import_resolved AS f WHERE f.mrn LIKE '0%'
)
SELECT DISTINCT ON (r.record_number)
       r.record_number, 'mrn' AS column_name,
       format('is MRN %s without its leading zeros: a spreadsheet probably dropped them; '
              'format the column as text (or open the file as text) and import it again', z.mrn) AS message
  FROM import_resolved AS r
  JOIN zero_led AS z ON z.bare = r.mrn
 WHERE r.existing_id IS NULL
 ORDER BY r.record_number, z.mrn
