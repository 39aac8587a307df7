-- Export file consents.csv: the consents to disclose (42 CFR 2.31) in force on some day
-- of the period, so that a restored database keeps the legal basis of its disclosures.
-- uses: x sel_consent patient
SELECT
       p.mrn AS mrn,
       CASE WHEN c.recipient ~ '^[-=+@\t\r\n'']' THEN '''' || c.recipient ELSE c.recipient END AS recipient,
       CASE WHEN c.purpose ~ '^[-=+@\t\r\n'']' THEN '''' || c.purpose ELSE c.purpose END AS purpose,
       c.signed_on AS signed_on,
       c.expires_on AS expires_on,
       c.revoked_on AS revoked_on
  FROM x CROSS JOIN sel_consent AS c
  JOIN patient AS p ON p.id = c.patient_id
 ORDER BY p.sort_key, c.signed_on, c.recipient COLLATE "C"
