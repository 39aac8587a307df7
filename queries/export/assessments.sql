-- Export file assessments.csv: the assessments administered in the period.
-- uses: x sel_assessment patient
SELECT
       p.mrn AS mrn,
       CASE WHEN asm.instrument ~ '^[-=+@\t\r\n'']' THEN '''' || asm.instrument ELSE asm.instrument END AS instrument,
       asm.administered_on AS administered_on,
       asm.score AS score
  FROM x CROSS JOIN sel_assessment AS asm
  JOIN patient AS p ON p.id = asm.patient_id
 ORDER BY p.sort_key, asm.administered_on, asm.instrument COLLATE "C"
