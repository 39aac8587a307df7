-- Export file screens.csv under --deidentify (HIPAA Safe Harbor: identifiers random to the run, dates cut to the year, no free text).
-- uses: x sel_screen patient
SELECT
       p.mrn AS patient,
       extract(year FROM ds.collected_on)::int AS collected_year,
       CASE WHEN ds.result ~ '^[-=+@\t\r\n'']' THEN '''' || ds.result ELSE ds.result END AS result
  FROM x CROSS JOIN sel_screen AS ds
  JOIN patient AS p ON p.id = ds.patient_id
 ORDER BY p.sort_key, ds.collected_on
