-- Export file consents.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- A consent's dates and text are left out (sql/017): per patient, how many consents
-- were in force in the period.
-- uses: x sel_consent patient
SELECT
       p.mrn AS patient,
       count(*) AS consents
  FROM x CROSS JOIN sel_consent AS c
  JOIN patient AS p ON p.id = c.patient_id
 GROUP BY p.mrn, p.sort_key
 ORDER BY p.sort_key
