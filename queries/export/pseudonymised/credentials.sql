-- Export file credentials.csv under --pseudonymize and --deidentify: how many
-- credentials sign alone and how many do not; no code or title. Staff credentials
-- are free text that can name a person (the program's one LMFT), so no credential
-- is written in these modes (session-notes.csv keeps cosign_required only).
-- uses: x
SELECT
       CASE WHEN c.signs_alone THEN 'true' ELSE 'false' END AS signs_alone,
       count(*) AS credentials
  FROM x CROSS JOIN carelog.credential AS c
 GROUP BY c.signs_alone
 ORDER BY 1
