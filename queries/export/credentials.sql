-- Export file credentials.csv: the credential reference list (sql/018), whole: it
-- decides whose notes need a co-signature.
-- uses: x
SELECT
       CASE WHEN c.code ~ '^[-=+@\t\r\n'']' THEN '''' || c.code ELSE c.code END AS code,
       CASE WHEN c.title ~ '^[-=+@\t\r\n'']' THEN '''' || c.title ELSE c.title END AS title,
       CASE WHEN c.signs_alone THEN 'true' ELSE 'false' END AS signs_alone
  FROM x CROSS JOIN carelog.credential AS c
 ORDER BY c.code COLLATE "C"
