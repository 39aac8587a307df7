-- Export file credentials.csv under --pseudonymize and --deidentify: codes and
-- whether each signs alone; titles (free text, sql/018) left out.
-- uses: x
SELECT
       CASE WHEN c.code ~ '^[-=+@\t\r\n'']' THEN '''' || c.code ELSE c.code END AS code,
       CASE WHEN c.signs_alone THEN 'true' ELSE 'false' END AS signs_alone
  FROM x CROSS JOIN carelog.credential AS c
 ORDER BY c.code COLLATE "C"
