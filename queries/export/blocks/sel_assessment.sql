-- Shared block of the export: the assessments administered in the period.
-- uses: x site_patient
sel_assessment AS (
    SELECT asm.*
      FROM x JOIN carelog.assessment AS asm ON asm.administered_on BETWEEN x.from_on AND x.to_on
     WHERE asm.patient_id IN (SELECT id FROM site_patient)
)
