-- Export file assessments.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- uses: x sel_assessment patient
SELECT
       p.mrn AS patient,
       CASE WHEN asm.instrument ~ '^[-=+@\t\r\n'']' THEN '''' || asm.instrument ELSE asm.instrument END AS instrument,
       extract(year FROM asm.administered_on)::int AS administered_year,
       asm.score AS score
  FROM x CROSS JOIN sel_assessment AS asm
  JOIN patient AS p ON p.id = asm.patient_id
 ORDER BY p.sort_key, asm.administered_on, asm.instrument COLLATE "C"
