-- Export file screens.csv under --pseudonymize: substances, free text, left out.
-- uses: x sel_screen patient
SELECT
       p.mrn AS mrn,
       ds.collected_on AS collected_on,
       CASE WHEN ds.result ~ '^[-=+@\t\r\n'']' THEN '''' || ds.result ELSE ds.result END AS result
  FROM x CROSS JOIN sel_screen AS ds
  JOIN patient AS p ON p.id = ds.patient_id
 ORDER BY p.sort_key, ds.collected_on
