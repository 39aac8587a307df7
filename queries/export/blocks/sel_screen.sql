-- Shared block of the export: the drug screens collected in the period.
-- uses: x site_patient
sel_screen AS (
    SELECT ds.*
      FROM x JOIN carelog.drug_screen AS ds ON ds.collected_on BETWEEN x.from_on AND x.to_on
     WHERE ds.patient_id IN (SELECT id FROM site_patient)
)
