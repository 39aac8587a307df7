-- The surrogate id of the patient with an MRN.
-- $1 text  the MRN
SELECT id FROM carelog.patient WHERE mrn = $1
