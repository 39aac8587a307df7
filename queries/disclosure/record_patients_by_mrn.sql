-- Records the patients whose records a disclosure held, by MRN (the monthly bundle
-- knows its patients by the MRNs of its reports).
-- $1 bigint  the disclosure's id
-- $2 jsonb   the MRNs, a JSON array of strings
INSERT INTO carelog.disclosure_patient (disclosure_id, patient_id)
SELECT $1::bigint, p.id
  FROM carelog.patient AS p
 WHERE p.mrn IN (SELECT jsonb_array_elements_text($2::jsonb))
