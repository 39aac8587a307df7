-- Export file service-codes.csv under --pseudonymize and --deidentify: codes and
-- their minutes per unit; titles (free text, sql/018) left out.
-- uses: x
SELECT
       CASE WHEN sc.code ~ '^[-=+@\t\r\n'']' THEN '''' || sc.code ELSE sc.code END AS code,
       sc.minutes_per_unit AS minutes_per_unit
  FROM x CROSS JOIN carelog.service_code AS sc
 ORDER BY sc.code COLLATE "C"
