-- Export file service-codes.csv: the service code reference list (sql/018), whole.
-- uses: x
SELECT
       CASE WHEN sc.code ~ '^[-=+@\t\r\n'']' THEN '''' || sc.code ELSE sc.code END AS code,
       CASE WHEN sc.title ~ '^[-=+@\t\r\n'']' THEN '''' || sc.title ELSE sc.title END AS title,
       sc.minutes_per_unit AS minutes_per_unit
  FROM x CROSS JOIN carelog.service_code AS sc
 ORDER BY sc.code COLLATE "C"
