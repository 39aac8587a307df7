-- Records the patients whose records a disclosure held, by surrogate id.
-- $1 bigint  the disclosure's id
-- $2 text    the patients' ids as a PostgreSQL array literal ({1,2,3}), as the export
--            kept them in carelog.export_patients
INSERT INTO carelog.disclosure_patient (disclosure_id, patient_id)
SELECT $1::bigint, ids.id FROM unnest($2::bigint[]) AS ids(id)
